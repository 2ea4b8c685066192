"""Shared test settings."""

import os

from hypothesis import settings

# No deadline: hypothesis's per-example deadline is a timing assertion, and machines are noisy.
settings.register_profile("default", deadline=None, max_examples=200)
# More examples for a thorough run: HYPOTHESIS_PROFILE=thorough make test
settings.register_profile("thorough", deadline=None, max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
