"""French interface wording (buttons, headings, acknowledgements)."""

STRINGS: dict[str, str] = {
    # answers
    "sources": "Sources",
    "more": "de plus",
    "quotes": "Voir les citations",
    "quotes_title": "Citations",
    "quotes_for": "Citations pour",
    "no_quotes": "Cette réponse ne cite aucune source.",
    "did_you_mean": "Vouliez-vous dire :",
    "you_can_ask": "Vous pouvez demander :",
    "you_asked": "Votre question",
    "asked": "a demandé",
    "about_message": "À propos de ce message",
    "truncated": "(raccourci pour tenir)",
    "post": "Publier dans le canal",
    "ask": "Demander",
    # feedback
    "helpful": "👍 Utile",
    "not_helpful": "👎 Pas utile",
    "why": "Désolé. Qu'est-ce qui n'allait pas ?",
    "reason": "Qu'est-ce qui n'allait pas ? (facultatif)",
    "comment": "Un commentaire ? (facultatif)",
    "send": "Envoyer",
    "thanks": "Merci pour votre avis.",
    "thanks_negative": "Merci, c'est noté. Cela aide à améliorer les réponses.",
    "voted_helpful": "Vous avez trouvé cette réponse utile. Merci pour votre avis.",
    "voted_not_helpful": "Vous avez trouvé cette réponse peu utile. Merci, c'est noté.",
    "reason_wrong_role": "Mauvais rôle",
    "reason_off_topic": "Hors sujet",
    "reason_wrong": "Faux ou trompeur",
    "reason_incomplete": "Incomplet",
    "reason_unclear": "Pas clair",
    "reason_unsupported": "Sources insuffisantes",
    # failures
    "apology": "Désolé, une erreur est survenue. Réessayez dans un instant.",
    # glossary, home, welcome
    "roles": "Les rôles que je peux expliquer",
    "ask_about": "En savoir plus",
    "few_sources": "peu de sources",
    "who": "Qui solliciter pour quoi",
    "try": "Exemples de questions",
    "home_title": "Les rôles projet, expliqués",
    "home_intro": (
        "Je réponds aux questions sur les rôles de la gestion de projet : PMO ou chef de "
        "projet, ce que fait un analyste PMO, qui fait quoi. Chaque réponse cite ses sources."
    ),
    "home_how": (
        "Mentionnez-moi dans un canal (je réponds dans le fil), écrivez-moi en message "
        "direct, ou tapez `/roles votre question` pour une réponse privée. "
        "`/roles liste` montre les rôles, `/roles aide` le reste."
    ),
    "welcome_title": "Bonjour ! J'explique les rôles de la gestion de projet.",
    "welcome_how": (
        "Posez vos questions avec vos mots, par exemple sur le PMO, un chef de projet ou un "
        "analyste métier. Dans une équipe, mentionnez-moi. Chaque réponse cite ses sources."
    ),
}
