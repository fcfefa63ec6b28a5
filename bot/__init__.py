"""Rolebot: answers questions about project-management roles, citing its sources."""

__version__ = "0.1.0"
