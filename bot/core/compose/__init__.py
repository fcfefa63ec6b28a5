"""Answer composition: from what the engine understood to a short, sourced answer."""

from bot.core.compose.attribution import noun_phrase
from bot.core.compose.composer import Composer
from bot.core.compose.reading import Reading

__all__ = ["Composer", "Reading", "noun_phrase"]
