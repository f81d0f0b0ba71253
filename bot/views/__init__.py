"""Rendering: data -> localized text and the buttons under it, one module per feature.

A feature's typed callback data (its CallbackData classes) and the inline keyboards built from them
live together in bot/views/<feature>.py; its handlers (handlers/<feature>.py) filter on those
classes, and its dialog states are in bot/dialogs/<feature>/states.py. Background senders
(bot/notices, bot/broadcast_progress.py), handlers and dialogs all use these; a view takes an i18n
context and data, and returns text (HTML) or an inline keyboard. Nothing here sends, and nothing
here imports handlers/ or bot/dialogs/.
"""
