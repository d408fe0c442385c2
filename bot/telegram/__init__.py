"""The Telegram frontend: python-telegram-bot in front of core's ChatService.

Start it with `start_telegram` (bot/telegram/starter.py), which `flyerbot run` calls.
"""
