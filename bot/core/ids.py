"""The fixed ids of the interface contract."""

ROLE_IDS = (
    "project_manager",
    "pmo",
    "pmo_analyst",
    "pmo_manager",
    "pmo_coordinator",
    "project_analyst",
    "business_analyst",
    "project_controller",
    "project_coordinator",
    "project_sponsor",
    "program_manager",
    "portfolio_manager",
    "product_manager",
)

INTENT_IDS = (
    "compare",
    "define",
    "responsibilities",
    "skills",
    "reporting",
    "career",
    "types",
    "value",
    "certification",
    "which_role",
    "roles_overview",
    "help",
    "smalltalk",
    "out_of_scope",
)

TOPICS = (
    "definition",
    "responsibilities",
    "skills",
    "reporting",
    "career",
    "types",
    "value",
    "certification",
    "other",
)

# The knowledge topic an intent asks about (its row in bot.core.intent_table).
from bot.core.intent_table import INTENT_TOPIC  # noqa: E402

__all__ = ["INTENT_IDS", "INTENT_TOPIC", "ROLE_IDS", "TOPICS"]
