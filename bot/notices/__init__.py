"""Fan-out to many chats: recipients grouped by language, each message rendered once per language
and queued in the outbox under a purpose (bot/notices/purposes.py) and a priority.

Imports nothing, so that services can name outbox purposes without loading the notices.
"""
