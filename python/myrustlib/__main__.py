"""`python -m myrustlib`: the command line (see myrustlib.cli)."""

from myrustlib.cli import main

raise SystemExit(main())
