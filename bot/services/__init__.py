"""Domain services: the rules of the product, shared by handlers, scheduler jobs and the CLI.

Services never format user text: they return data or raise `DomainError`s that handlers turn
into localized messages.
"""
