"""Microsoft Teams adapter on the Teams SDK for Python (see ``bot.platforms.teams.app``)."""
