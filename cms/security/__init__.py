"""Hardening of the public surface (issue 14): bad input, uniform refusals, login policy, API tokens."""
