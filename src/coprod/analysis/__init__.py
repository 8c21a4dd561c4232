"""Analysis: pure functions from a validated `Project` to typed results and findings."""
