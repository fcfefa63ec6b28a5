"""English interface wording (buttons, headings, acknowledgements)."""

STRINGS: dict[str, str] = {
    # answers
    "sources": "Sources",
    "more": "more",
    "quotes": "Show quotes",
    "quotes_title": "Quotes",
    "quotes_for": "Quotes for",
    "no_quotes": "This answer has no quoted sources.",
    "did_you_mean": "Did you mean:",
    "you_can_ask": "You can ask:",
    "you_asked": "You asked",
    "asked": "asked",
    "about_message": "About this message",
    "truncated": "(shortened to fit)",
    "post": "Post to channel",
    "ask": "Ask",
    # feedback
    "helpful": "👍 Helpful",
    "not_helpful": "👎 Not helpful",
    "why": "Sorry it missed. What was wrong?",
    "reason": "What was wrong? (optional)",
    "comment": "Anything to add? (optional)",
    "send": "Send feedback",
    "thanks": "Thanks for the feedback.",
    "thanks_negative": "Thanks, noted. It helps improve the answers.",
    "voted_helpful": "You found this helpful. Thanks for the feedback.",
    "voted_not_helpful": "You found this not helpful. Thanks, noted.",
    "reason_wrong_role": "Wrong role",
    "reason_off_topic": "Not what I asked",
    "reason_wrong": "Wrong or misleading",
    "reason_incomplete": "Incomplete",
    "reason_unclear": "Unclear",
    "reason_unsupported": "Sources don't back it",
    # failures
    "apology": "Sorry, something went wrong while answering. Please try again in a moment.",
    # glossary, home, welcome
    "roles": "Roles I can explain",
    "ask_about": "Ask about it",
    "few_sources": "few sources",
    "who": "Who to ask for what",
    "try": "Try asking",
    "home_title": "Project roles, explained",
    "home_intro": (
        "I answer questions about project-management roles: PMO vs project manager, "
        "what a PMO analyst does, who owns what. Every answer cites its sources."
    ),
    "home_how": (
        "Mention me in a channel (I reply in the thread), send me a direct message, "
        "or type `/roles your question` anywhere for a private answer. "
        "`/roles list` shows the roles, `/roles help` the rest."
    ),
    "welcome_title": "Hello! I explain project-management roles.",
    "welcome_how": (
        "Ask me in your own words, for example about the PMO, a project manager or a "
        "business analyst. In a team, mention me. Every answer names its sources."
    ),
}
