"""Stress scripts the tests run in fresh interpreters (python <script>.py ...): threads, leaks and
Ctrl-C. Each imports as a module without running anything, so the tests can read its tables."""
