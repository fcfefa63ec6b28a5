"""Tell English from French with function words and accents: enough for short chat messages."""

from __future__ import annotations

import re

_FR = frozenset(
    """le la les un une des du de d l est sont c qu que qui quoi quel quelle quels quelles
    et ou mais donc pour avec sans dans sur entre au aux ce cette ces mon ma mes ton ta
    son sa ses notre votre leur je tu il elle nous vous ils elles on pas ne plus tres
    comment pourquoi quand faut fait faire etre avoir role roles difference chef projet
    bonjour merci salut rapport rapporte dois peux veux sais svp stp devenir metier
    poste entreprise equipe gestion bureau quoi ca""".split()
)
_EN = frozenset(
    """the a an is are what who whom which how why when does do did of to for with
    and or but in on at by from between vs versus my your our their this that these
    those i you he she we they it can could should would will be been have has
    difference role roles manager project office hi hello thanks please""".split()
)
_FR_ONLY = re.compile(r"[éèêàùçœâîôû]|\b(?:qu'|c'est|d'un|d'une|l')", re.IGNORECASE)


def detect_language(text: str, folded_words: list[str]) -> str:
    """ "fr" or "en"."""
    fr = sum(w in _FR for w in folded_words)
    en = sum(w in _EN for w in folded_words)
    fr += 2 * len(_FR_ONLY.findall(text))
    return "fr" if fr > en else "en"


COMMON_WORDS = (
    _FR
    | _EN
    | frozenset(
        """this that with have your they them then than there their about into over just like
    some when want need know been were will would could should also only very much many
    more most such even make made does done said same time work year years well back
    good great best here what whats where which while whom whose cela avec dans pour
    sont etre fait faire mais elle nous vous leur tout tous bien tres plus moins ceux
    quoi quel quels comme""".split()
    )
)
