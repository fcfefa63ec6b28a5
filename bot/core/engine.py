"""The question-answering engine: normalise, recognise roles and intent, compose an answer.

Public surface used by every adapter (CLI, Slack, Teams):
- ``Engine.ask(question) -> Answer``
- ``Engine.glossary(language) -> tuple[RoleCard, ...]``  (one card per contract role)
- ``Engine.example_questions(language) -> tuple[str, ...]``
- ``Engine.who_to_ask(language) -> tuple[tuple[str, str], ...]``  (duty, role label)
- ``Engine.help_answer(language) -> Answer``
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.answer import Answer


@dataclass(frozen=True)
class RoleCard:
    role: str
    label: str
    summary: str
    covered: bool
    example_question: str


class Engine:
    """Temporary minimal engine; replaced by the full pipeline."""

    def ask(self, question: str) -> Answer:
        return self.help_answer("en")

    def help_answer(self, language: str = "en") -> Answer:
        return Answer(
            question="",
            language=language,
            intent="help",
            roles=(),
            confidence=1.0,
            answered=True,
            kind="help",
            title="I answer questions about project-management roles.",
            suggestions=self.example_questions(language),
        )

    def glossary(self, language: str = "en") -> tuple[RoleCard, ...]:
        return (RoleCard("pmo", "PMO", "The project management office.", True, "What is a PMO?"),)

    def example_questions(self, language: str = "en") -> tuple[str, ...]:
        return ("What is the difference between a PMO and a project manager?",)

    def who_to_ask(self, language: str = "en") -> tuple[tuple[str, str], ...]:
        return (("Project standards and methods", "PMO"),)
