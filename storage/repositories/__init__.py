"""Repositories: one per aggregate, each working inside a session the caller opened."""
