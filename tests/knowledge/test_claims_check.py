"""``rolebot check`` holds claims to their documents; the shipped builds find their disputes."""

import json
import shutil
from pathlib import Path

from bot.cli.main import main
from bot.knowledge.build import run_build
from bot.knowledge.curated import load_knowledge

CORPUS = Path(__file__).parents[1] / "eval" / "documents"
GATED = CORPUS / "questions.jsonl"


def _tamper(folder: Path, change) -> None:
    path = folder / "generated" / "claims.json"
    claims = json.loads(path.read_text(encoding="utf-8"))
    change(claims)
    path.write_text(
        json.dumps(claims, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def test_the_shipped_claims_are_valid(capsys, knowledge_copy):
    assert main(["check", "--knowledge", str(knowledge_copy)]) == 0


def test_a_claim_not_verbatim_in_its_document_is_an_error_with_its_line(knowledge_copy, capsys):
    def change(claims):
        claims[3]["text"] = "The PMO approves every budget on its own."

    _tamper(knowledge_copy, change)
    assert main(["check", "--knowledge", str(knowledge_copy)]) == 1
    err = capsys.readouterr()
    out = err.out + err.err
    assert "claims.json:" in out and "text is not verbatim in" in out


def test_a_claim_with_an_unknown_role_is_an_error(knowledge_copy, capsys):
    def change(claims):
        claims[0]["roles"] = ["scrum_master"]

    _tamper(knowledge_copy, change)
    assert main(["check", "--knowledge", str(knowledge_copy)]) == 1
    out = "".join(capsys.readouterr())
    assert "unknown role id 'scrum_master'" in out


def test_the_loaded_knowledge_holds_the_claims_and_disputes(knowledge_copy):
    knowledge, _ = load_knowledge(knowledge_copy)
    assert knowledge.claims and knowledge.disputes
    claim = knowledge.claims[0]
    passage, _ = knowledge.quote(claim.passage)
    assert passage.doc == claim.doc


def test_a_build_without_claims_loads_as_none(knowledge_copy):
    (knowledge_copy / "generated" / "claims.json").unlink()
    (knowledge_copy / "generated" / "disputes.json").unlink()
    knowledge, _ = load_knowledge(knowledge_copy)
    assert knowledge.claims == () and knowledge.disputes == ()


def test_the_seed_documents_dispute_who_is_above_whom(knowledge_copy, intents):
    """The contradiction the curated 'disputed' entries describe is found by the build:
    the signed Bayt answer (the PMO controls the PM) before the low-trust compiled page
    (the PMO works under the PM)."""
    result = run_build(knowledge_copy, intents)
    [dispute] = [d for d in result.disputes if set(d["roles"]) == {"pmo", "project_manager"}]
    assert dispute["kind"] == "inverse_relation"
    assert dispute["first"] == ["bayt-pmo-vs-project-manager#a6.3/c2"]
    assert "pmo-analyst-vs-project-manager-blog#s16/c2" in dispute["second"]


def test_the_test_corpus_builds_with_its_three_disputes_and_candidate_roles(tmp_path, intents):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    result = run_build(folder, intents)
    kinds = sorted((d["kind"], tuple(d["roles"])) for d in result.disputes)
    assert kinds == [
        ("denial", ("pmo",)),
        ("denial", ("pmo", "project_manager")),
        ("inverse_relation", ("pmo", "project_manager")),
    ]
    assert all(d["first"][0].startswith("arden-council") for d in result.disputes)
    candidates = {c["id"] for c in result.report["candidate_roles"]}
    assert {
        "senior_responsible_owner",
        "programme_board",
        "business_change_manager",
        "project_steering_committee",
    } <= candidates
    aliases = {n for a in result.report["proposed_aliases"] for n in a["names"]}
    assert {"PSO", "EDO", "Project Support Office"} <= aliases
    per_doc = result.report["documents"]
    # The documents the questions of questions.jsonl are about (the first twelve and the
    # five layouts written to develop the extraction of method chapters, job families,
    # team pages, French job postings and grid tables, the e-mail memo and definition list,
    # and the wiki export, plain-text posting and question-heading FAQ written last); the six
    # later layouts (questions-more.jsonl) are measured, not
    # yet held to this.
    gated = {
        json.loads(line)["documents"][0]
        for line in GATED.read_text().splitlines()
        if json.loads(line)["documents"]
    }
    assert len(gated) == 31
    assert all(sum(per_doc[Path(f).stem]["claims"].values()) >= 8 for f in gated)
