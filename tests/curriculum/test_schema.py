"""The content schema: a valid tree passes; every rule has a failing example naming the
file and line; malformed input never crashes the loader."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from holdfast.curriculum import check
from holdfast.curriculum.schema import load

TODAY = dt.date(2026, 11, 26)
BODY = (
    "## Why this matters\n\n"
    + "Words of plain advice for the reader. " * 60
    + "\n\n## Keep going\n\nSee [the next one](module:m-two).\n"
)
VOCAB = """\
languages: [en, es]
domains:
  dom-a: {en: Domain A, es: Dominio A}
  dom-b: {en: Domain B, es: Dominio B}
threats:
  t-one: {en: Threat one, es: Amenaza uno}
needs:
  n-one: {en: Need one, es: Necesidad uno}
"""


def module(
    mid: str = "m-one",
    domain: str = "dom-a",
    prerequisites: str = "[]",
    extra: str = "",
    duration: int = 60,
    body: str = BODY,
    answers: str = "[1]",
    stages: tuple[str, ...] = ("activity", "discussion", "input", "deepening", "synthesis"),
) -> str:
    acts = "\n".join(
        f"  - stage: {s}\n    minutes: 12\n    instructions: Do step {i}."
        for i, s in enumerate(stages)
    )
    return (
        textwrap.dedent("""\
        ---
        id: {mid}
        title: A title
        domain: {domain}
        level: foundation
        duration_minutes: {duration}
        summary: A summary.
        objectives: [explain one thing, decide another]
        prerequisites: {prerequisites}
        addresses: [n-one, t-one]
        activities:
        {acts}
        materials: []
        checklist: [Do this., Do that., Do the other.]
        knowledge_check:
          - question: Which?
            choices: [a, b, c]
            answers: {answers}
            explanation: Because.
          - question: Which two?
            choices: [a, b]
            answers: [0]
            explanation: Because.
          - question: Which three?
            choices: [a, b]
            answers: [1]
            explanation: Because.
        sources:
          - title: A source
            publisher: Someone
            url: https://example.org/guide
            consulted: 2026-11-26
        last_reviewed: 2026-11-26
        review_every_months: 12
        license: CC-BY-SA-4.0
        {extra}---
        """).format(
            mid=mid,
            domain=domain,
            duration=duration,
            prerequisites=prerequisites,
            acts="\n".join(acts.splitlines()),
            answers=answers,
            extra=extra,
        )
        + body
    )


def translation(mid: str = "m-one", extra: str = "") -> str:
    return textwrap.dedent("""\
        ---
        id: {mid}
        translation_status: draft
        title: Un título
        summary: Un resumen.
        {extra}---
        ## Por qué importa

        Texto traducido. Ver [la siguiente](module:m-two).
        """).format(mid=mid, extra=extra)


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def errors(root: Path) -> list[str]:
    return [str(i) for i in load(root, today=TODAY).errors]


def test_valid_tree_passes_and_merges_translation(tree):
    content = load(tree, today=TODAY)
    assert content.issues == []
    es = content.modules["es"]["m-one"]
    assert es.title == "Un título" and es.translation_status == "draft"
    assert es.duration_minutes == 60 and es.activities == content.modules["en"]["m-one"].activities
    assert content.resources["en"]["r-one"].topics == ["n-one"]


def test_shipped_content_passes_the_check(capsys):
    assert check.run(check.DEFAULT_ROOT, TODAY) == 0, capsys.readouterr().out


CASES = [
    # (file to overwrite, new text, expected message, expected line)
    ("en/modules/dom-a/m-one.md", module(extra="colour: blue\n"), "unknown field 'colour'", 50),
    (
        "en/modules/dom-a/m-one.md",
        module().replace("summary: A summary.\n", ""),
        "missing field 'summary'",
        2,
    ),
    (
        "en/modules/dom-a/m-one.md",
        module().replace("duration_minutes: 60", "duration_minutes: x"),
        "'duration_minutes' must be a positive whole number",
        6,
    ),
    ("en/modules/dom-a/m-one.md", module(domain="dom-z"), "unknown domain 'dom-z'", 4),
    ("en/modules/dom-a/m-one.md", module(domain="dom-b"), "must equal the folder name", 4),
    (
        "en/modules/dom-a/m-one.md",
        module().replace("[n-one, t-one]", "[n-one, t-nine]"),
        "unknown need or threat tag 't-nine'",
        10,
    ),
    (
        "en/modules/dom-a/m-one.md",
        module(prerequisites="[m-nine]"),
        "unknown prerequisite 'm-nine'",
        9,
    ),
    ("en/modules/dom-a/m-one.md", module(prerequisites="[m-two]"), "prerequisites form a cycle", 9),
    ("en/modules/dom-a/m-one.md", module(duration=75), "add up to 60 minutes", 6),
    (
        "en/modules/dom-a/m-one.md",
        module(stages=("activity", "input", "discussion", "deepening", "synthesis")),
        "five ADIDS stages in order",
        11,
    ),
    ("en/modules/dom-a/m-one.md", module(answers="[7]"), "answer 7 is not the index", 32),
    (
        "en/modules/dom-a/m-one.md",
        module(body="## Why this matters\n\nToo short.\n"),
        "needs 300 to 900",
        51,
    ),
    (
        "en/modules/dom-a/m-one.md",
        module(body=BODY.replace("module:m-two", "module:m-gone")),
        "broken link to module 'm-gone'",
        57,
    ),
    (
        "en/modules/dom-a/m-one.md",
        module(body=BODY + "[x](https://elsewhere.example/)\n"),
        "not among the module's sources",
        58,
    ),
    ("en/modules/dom-a/m-one.md", module("m-other"), "must equal the file name", 2),
    ("en/modules/dom-b/m-one.md", module("m-one", "dom-b"), "duplicate module id 'm-one'", 2),
    (
        "en/modules/dom-a/m-one.md",
        module().replace("level: foundation", "level: expert"),
        "unknown level 'expert'",
        5,
    ),
    ("en/modules/dom-a/m-one.md", "no front matter here", "starts with a line '---'", 1),
    (
        "en/modules/dom-a/m-one.md",
        module().replace("title: A title", "title: [unclosed"),
        "YAML",
        4,
    ),
    (
        "es/modules/dom-a/m-one.md",
        translation(extra="duration_minutes: 90\n"),
        "'duration_minutes' drifts from the English source",
        6,
    ),
    (
        "es/modules/dom-a/m-one.md",
        translation(extra="activities: []\n"),
        "unknown field 'activities'",
        6,
    ),
    (
        "es/modules/dom-a/m-one.md",
        translation().replace("draft", "final"),
        "translation_status must be one of",
        3,
    ),
    (
        "es/modules/dom-a/m-one.md",
        translation(extra="checklist: [Haz esto., Haz aquello.]\n"),
        "the checklist has 2 items; the English source has 3",
        6,
    ),
    (
        "es/modules/dom-a/m-one.md",
        translation(
            extra=textwrap.dedent("""\
        knowledge_check:
          - question: ¿Cuál?
            choices: [a, b, c]
            answers: [0]
            explanation: Porque.
          - question: ¿Y?
            choices: [a, b]
            answers: [0]
            explanation: Porque.
          - question: ¿Y?
            choices: [a, b]
            answers: [1]
            explanation: Porque.
        """)
        ),
        "knowledge_check[0] drifts",
        6,
    ),
    ("es/modules/dom-a/m-nine.md", translation("m-nine"), "module that does not exist", 2),
    ("en/resources/guides.yaml", "- id: r-one\n  title: x\n", "missing field 'url'", 1),
    (
        "en/resources/more.yaml",
        "- id: r-one\n  title: T\n  url: https://e.org\n  publisher: P\n"
        "  language: [en]\n  topics: [n-one]\n  format: guide\n  last_checked: 2026-11-26\n"
        "  summary: S\n",
        "duplicate resource id 'r-one'",
        1,
    ),
    (
        "en/resources/guides.yaml",
        "- id: r-two\n  title: T\n  url: http://e.org\n  publisher: P\n"
        "  language: [en]\n  topics: [n-zero]\n  format: podcast\n  last_checked: 2026-11-26\n"
        "  summary: S\n",
        "unknown topic 'n-zero'",
        6,
    ),
    ("vocabulary.yaml", VOCAB.replace("es: Amenaza uno", "fr: Menace"), "has no name in es", 6),
]


@pytest.mark.parametrize("rel,text,message,line", CASES, ids=[c[2][:40] for c in CASES])
def test_every_rule_has_a_failing_example(tree, rel, text, message, line):
    write(tree, rel, text)
    found = errors(tree)
    matching = [e for e in found if message in e]
    assert matching, found
    assert any(e.startswith(f"content/{rel}:{line}:") for e in matching), matching


def test_review_overdue_is_a_warning_not_an_error(tree, capsys):
    write(
        tree,
        "en/modules/dom-a/m-one.md",
        module().replace("last_reviewed: 2026-11-26", "last_reviewed: 2024-01-10"),
    )
    content = load(tree, today=TODAY)
    assert content.errors == []
    assert any("review overdue since 2025-01-10" in str(w) for w in content.warnings)
    assert check.run(tree, TODAY) == 0
    assert "warning: review overdue" in capsys.readouterr().out


def test_check_exits_non_zero_on_error(tree, capsys):
    write(tree, "en/modules/dom-a/m-one.md", module(duration=61))
    assert check.run(tree, TODAY) == 1
    assert "1 errors" in capsys.readouterr().out


yaml_junk = st.text(
    alphabet=st.sampled_from(list("abc:-[]{}'\"#&*!|>%@`\n\t \\é0123456789")), max_size=300
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front=yaml_junk, body=st.text(max_size=200))
def test_malformed_modules_never_crash(tmp_path_factory, front, body):
    root = tmp_path_factory.mktemp("fuzz") / "content"
    write(root, "vocabulary.yaml", VOCAB)
    write(root, "en/modules/dom-a/m-one.md", f"---\n{front}\n---\n{body}")
    write(root, "es/modules/dom-a/m-one.md", f"---\n{front}\n---\n{body}")
    write(root, "en/resources/x.yaml", front)
    content = load(root, today=TODAY)
    assert all(issue.path.startswith("content/") and issue.line >= 1 for issue in content.issues)
    shutil.rmtree(root)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=400))
def test_malformed_vocabulary_never_crashes(text, tmp_path_factory):
    root = tmp_path_factory.mktemp("vocab") / "content"
    write(root, "vocabulary.yaml", text)
    load(root, today=TODAY)
