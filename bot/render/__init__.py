"""Platform renderings of the neutral :class:`bot.core.answer.Answer` (one module per platform)."""
