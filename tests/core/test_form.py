"""Question-form cues on hand-built tokens (role names already the placeholder)."""

import pytest

from bot.core.form import who_is_subject
from bot.core.roles import ROLE_TOKEN as R

WHO = frozenset({"who", "whom", "qui"})
BEFORE = frozenset({"to", "a"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("who decides which features get built", True),
        (f"so who actually in charge of cost the {R} or the {R}", True),
        ("who is still accountable for delivering the project", True),
        (f"who does the {R} report to", False),
        (f"who is the {R}", False),
        (f"to whom does the {R} answer", False),
        (f"a qui rend compte le {R}", False),
        (f"what does a {R} do", False),
        ("who", False),
    ],
)
def test_who_is_the_subject_when_no_role_follows_it(text, expected):
    assert who_is_subject(tuple(text.split()), WHO, BEFORE) is expected
