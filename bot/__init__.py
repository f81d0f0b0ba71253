"""Біргеміз — a Telegram bot for teacher professional communities in Kazakhstan."""
