"""The bot's own fixed wording, in English and French."""

from __future__ import annotations

from bot.core.intent_table import INTENTS

_PHRASES: dict[str, tuple[str, str]] = {
    "help_title": (
        "I answer questions about project-management roles (PMO, project manager, analysts...), "
        "with my sources.",
        "Je réponds aux questions sur les rôles de la gestion de projet (PMO, chef de projet, "
        "analystes...), en citant mes sources.",
    ),
    "help_line": (
        "Ask in your own words, in English or French. Every answer names its sources; "
        "'Show quotes' (or /sources in the terminal) shows their exact words.",
        "Posez votre question avec vos mots, en français ou en anglais. Chaque réponse cite "
        "ses sources ; « Show quotes » (ou /sources dans le terminal) montre leurs mots exacts.",
    ),
    "hello": (
        "Hello! Ask me about project-management roles.",
        "Bonjour ! Posez-moi une question sur les rôles projet.",
    ),
    "thanks": ("You're welcome.", "Avec plaisir."),
    "abstain": (
        "Sorry, I can only answer questions about project-management roles, and that one is "
        "outside what my sources cover.",
        "Désolé, je ne réponds qu'aux questions sur les rôles de la gestion de projet, et "
        "celle-ci sort de ce que couvrent mes sources.",
    ),
    "unknown_role": (
        "I don't know about {names}: my sources don't describe that role.",
        "Je ne connais pas {names} : mes sources ne décrivent pas ce rôle.",
    ),
    "not_covered": (
        "My sources don't describe the role {of}.",
        "Mes sources ne décrivent pas le rôle {of}.",
    ),
    "nothing_on_topic": (
        "My sources say nothing about the {topic} of {role}.",
        "Mes sources ne disent rien sur {topic} pour {role}.",
    ),
    "nothing_in_context": (
        "{docs} says nothing about the {topic} of {role}.",
        "{docs} ne dit rien sur {topic} pour {role}.",
    ),
    "role_not_in_context": (
        "{docs} does not describe {role}.",
        "{docs} ne décrit pas {role}.",
    ),
    "two_at_a_time": (
        "I compare two roles at a time; ask again for {names}.",
        "Je compare deux rôles à la fois ; reposez la question pour {names}.",
    ),
    "overview_missing": (
        "Not described in my sources: {names}.",
        "Non décrits par mes sources : {names}.",
    ),
    "compare_title": ("{a} vs {b}", "{a} ou {b}"),
    "topic_title": ("{role}: {topic}", "{role} : {topic}"),
    "which_title": ("That is usually the job {of}.", "C'est en général le rôle {of}."),
    "which_unknown": (
        "I couldn't tell which role owns that from my sources.",
        "Mes sources ne me permettent pas de dire quel rôle s'en charge.",
    ),
    "overview_title": ("Who's who in project work:", "Qui fait quoi dans les projets :"),
    "overview_more": ("More roles: {names}.", "Autres rôles : {names}."),
    "extract_title": (
        "What my sources say about {role}:",
        "Ce que disent mes sources sur {role} :",
    ),
    "readings": ("PMO can be read three ways:", "PMO peut se lire de trois façons :"),
    "disputed": ("Disputed: {text}", "Contesté : {text}"),
    "disputed_claims": (
        "Disputed: {a} says “{first}”, but {b} says “{second}”.",
        "Contesté : selon {a}, « {first} », mais selon {b}, « {second} ».",
    ),
    "known": ("What they do say: {text}", "Ce qu'elles en disent : {text}"),
}

TOPIC_NAMES = {
    "definition": ("definition", "la définition"),
    "responsibilities": ("responsibilities", "les responsabilités"),
    "skills": ("skills", "les compétences"),
    "reporting": ("reporting line", "le rattachement"),
    "career": ("career", "la carrière"),
    "types": ("types", "les types"),
    "value": ("value", "l'intérêt"),
    "certification": ("certifications", "les certifications"),
}


def say(key: str, language: str, **values: str) -> str:
    en, fr = _PHRASES[key]
    return (fr if language == "fr" else en).format(**values)


def topic_name(topic: str, language: str) -> str:
    en, fr = TOPIC_NAMES.get(topic, (topic, topic))
    return fr if language == "fr" else en


def question_for(intent: str, language: str, a: str = "", b: str = "") -> str | None:
    """The question the bot offers for an intent (its row in ``bot.core.intent_table``)."""
    spec = INTENTS.get(intent)
    if spec is None or spec.question is None:
        return None
    en, fr = spec.question
    return (fr if language == "fr" else en).format(a=a, b=b)


def of_phrase(noun: str, language: str) -> str:
    """ "of the PMO" / "du PMO", "of a project manager" / "d'un chef de projet"."""
    if language != "fr":
        return f"of {noun}"
    for article, contracted in (("le ", "du "), ("un ", "d'un "), ("une ", "d'une ")):
        if noun.startswith(article):
            return contracted + noun[len(article) :]
    return f"de {noun}"
