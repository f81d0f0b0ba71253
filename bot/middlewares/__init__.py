"""Middlewares that hand each update its dependencies (the user, their roles, i18n)."""
