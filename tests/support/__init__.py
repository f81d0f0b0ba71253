"""Helpers shared by the test suites: one test clock and the data factories."""
