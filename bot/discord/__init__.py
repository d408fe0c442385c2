"""The Discord chat frontend on discord.py: slash commands, modals, persistent buttons."""
