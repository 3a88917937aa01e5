"""The assessment engine: questionnaire checks, answer validation, risk model, recommender."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from holdfast.assessment.engine import (
    AnswersError,
    ModuleInfo,
    Recommendation,
    focus,
    profile_of,
    recommend,
    validate_answers,
)
from holdfast.assessment.questionnaire import (
    load_countries,
    load_questionnaire,
    translate,
    translate_countries,
)
from holdfast.curriculum.schema import load_vocabulary

REPO_CONTENT = Path(__file__).resolve().parents[2] / "content"
THREATS = ["surveillance", "device-seizure", "account-compromise", "online-harassment"]

SECTION_A = """\
id: context
order: 1
title: Context
questions:
  - id: line-of-work
    type: multiple
    text: Your work?
    options:
      - id: journalism
        label: Journalism
        effects: {likelihood: {surveillance: 1}, needs: {media-work: 1},
                  reason: you work as a journalist}
      - id: other
        label: Other
  - id: home-country
    type: country
    text: Where is home?
"""
SECTION_B = (
    """\
id: threats
order: 2
title: Threats
questions:
  - id: threats-experienced
    type: multiple
    text: What happened last year?
    options:
"""
    + "".join(
        f"      - id: {t}\n        label: {t}\n        effects: {{likelihood: {{{t}: 3}}, "
        f"reason: you experienced {t}}}\n"
        for t in THREATS
    )
    + """\
  - id: seized-at-border
    type: single
    text: At a border?
    show_if: {question: threats-experienced, any_of: [device-seizure]}
    options:
      - id: "yes"
        label: "Yes"
        effects: {impact: {device-seizure: 1}, needs: {travel-safety: 2},
                  reason: your phone was taken at a border}
      - id: "no"
        label: "No"
  - id: laptop-encrypted
    type: single
    text: Encrypted laptop?
    options:
      - id: "yes"
        label: "Yes"
        effects: {capacity: {device-seizure: 2}}
      - id: "no"
        label: "No"
        effects: {vulnerability: {device-seizure: 2}, needs: {device-security: 3},
                  reason: your laptop is not encrypted}
"""
)
COUNTRIES = """\
KE:
  name: {en: Kenya, es: Kenia, fr: Kenya, pt: Quênia, ru: Кения}
  facts:
    - id: ke-fact
      text: A fact.
      reason: of a fact about Kenya
      applies_if: {question: line-of-work, any_of: [journalism]}
      effects: {likelihood: {surveillance: 2}}
      source: {title: T, publisher: P, url: "https://example.org/ke", consulted: 2026-11-26}
"""


def make_content(tmp_path: Path, a: str = SECTION_A, b: str = SECTION_B) -> Path:
    root = tmp_path / "content"
    (root / "en/assessment").mkdir(parents=True)
    (root / "vocabulary.yaml").write_text((REPO_CONTENT / "vocabulary.yaml").read_text())
    (root / "en/assessment/1-context.yaml").write_text(a)
    (root / "en/assessment/2-threats.yaml").write_text(b)
    (root / "countries.yaml").write_text(COUNTRIES)
    return root


@pytest.fixture
def world(tmp_path):
    root = make_content(tmp_path)
    issues: list = []
    vocab = load_vocabulary(root, issues)
    questionnaire = load_questionnaire(root, "en", vocab, issues)
    countries = load_countries(root, vocab, issues)
    assert issues == []
    return questionnaire, countries, list(vocab.threats)


MODULES = [
    ModuleInfo("basics", "Basics", "foundation", 60, (), ("risk-assessment",)),
    ModuleInfo(
        "encrypt", "Encrypt", "foundation", 60, ("basics",), ("device-security", "device-seizure")
    ),
    ModuleInfo(
        "borders", "Borders", "intermediate", 90, ("encrypt",), ("travel-safety", "device-seizure")
    ),
    ModuleInfo("media", "Media", "foundation", 60, (), ("media-work", "surveillance")),
    ModuleInfo("expert", "Expert", "advanced", 120, (), ("device-seizure",)),
]


def test_profile_scores_and_reasons(world):
    questionnaire, countries, threats = world
    answers = {
        "threats-experienced": ["device-seizure"],
        "seized-at-border": "yes",
        "laptop-encrypted": "no",
        "line-of-work": ["journalism"],
        "home-country": "KE",
    }
    profile = profile_of(answers, questionnaire, countries, threats)
    seizure = profile.threats["device-seizure"]
    assert (seizure.likelihood, seizure.impact, seizure.vulnerability, seizure.capacity) == (
        4,
        4,
        3,
        1,
    )
    assert {d.reason for d in seizure.drivers} == {
        "you experienced device-seizure",
        "your phone was taken at a border",
        "your laptop is not encrypted",
    }
    assert profile.threats["surveillance"].likelihood == 1 + 1 + 2  # job + country fact
    assert 0 <= profile.threats["surveillance"].score <= 100


def test_path_has_reasons_and_prerequisites_first(world):
    questionnaire, countries, threats = world
    answers = {
        "threats-experienced": ["device-seizure"],
        "seized-at-border": "yes",
        "laptop-encrypted": "no",
    }
    path = recommend(profile_of(answers, questionnaire, countries, threats), MODULES)
    ids = [r.module.id for r in path]
    assert ids.index("basics") < ids.index("encrypt") < ids.index("borders")
    assert "expert" not in ids  # advanced, and no capacity reported
    assert (
        "your phone was taken at a border"
        in next(r for r in path if r.module.id == "borders").reasons
    )
    assert next(r for r in path if r.module.id == "basics").reasons == [
        "it prepares you for “Encrypt”"
    ]
    assert all(r.reasons for r in path)


def test_budget_never_breaks_prerequisites(world):
    questionnaire, countries, threats = world
    answers = {
        "threats-experienced": ["device-seizure"],
        "laptop-encrypted": "no",
        "seized-at-border": "yes",
    }
    path, _more = focus(
        recommend(profile_of(answers, questionnaire, countries, threats), MODULES),
        share=0.0,
        budget_minutes=130,
    )
    assert [r.module.id for r in path] == ["basics", "encrypt"]


def test_hidden_follow_up_is_ignored(world):
    questionnaire, countries, threats = world
    profile = profile_of({"seized-at-border": "yes"}, questionnaire, countries, threats)
    assert profile.threats["device-seizure"].impact == 3  # show_if not met


answer_sets = st.fixed_dictionaries(
    {},
    optional={
        "threats-experienced": st.lists(st.sampled_from(THREATS), unique=True),
        "seized-at-border": st.sampled_from(["yes", "no"]),
        "laptop-encrypted": st.sampled_from(["yes", "no"]),
        "line-of-work": st.lists(st.sampled_from(["journalism", "other"]), unique=True),
        "home-country": st.sampled_from(["KE", "XX", "ke"]),
    },
)


@settings(max_examples=150, deadline=None)
@given(answers=answer_sets, threat=st.sampled_from(THREATS))
def test_reporting_a_threat_never_lowers_its_risk(tmp_path_factory, answers, threat):
    questionnaire, countries, threats = _world(tmp_path_factory)
    before = profile_of(answers, questionnaire, countries, threats).threats[threat].score
    reported = {
        **answers,
        "threats-experienced": sorted({*answers.get("threats-experienced", []), threat}),
    }
    after = profile_of(reported, questionnaire, countries, threats).threats[threat].score
    assert after >= before


@settings(max_examples=100, deadline=None)
@given(answers=answer_sets)
def test_path_is_deterministic_ordered_and_explained(tmp_path_factory, answers):
    questionnaire, countries, threats = _world(tmp_path_factory)
    first = recommend(profile_of(answers, questionnaire, countries, threats), MODULES)
    second = recommend(
        profile_of(dict(reversed(list(answers.items()))), questionnaire, countries, threats),
        list(reversed(MODULES)),
    )
    assert [r.module.id for r in first] == [r.module.id for r in second]
    seen: set[str] = set()
    for rec in first:
        assert rec.reasons
        assert all(p in seen for p in rec.module.prerequisites)
        seen.add(rec.module.id)


@settings(max_examples=200, deadline=None)
@given(
    answers=st.dictionaries(
        st.text(max_size=20),
        st.one_of(
            st.none(),
            st.integers(),
            st.text(max_size=10),
            st.lists(st.text(max_size=8)),
            st.dictionaries(st.text(max_size=5), st.integers()),
        ),
        max_size=6,
    )
)
def test_unknown_or_missing_answers_never_crash(tmp_path_factory, answers):
    questionnaire, countries, threats = _world(tmp_path_factory)
    recommend(profile_of(answers, questionnaire, countries, threats), MODULES)


_CACHE: dict[str, tuple] = {}


def _world(tmp_path_factory):
    if "w" not in _CACHE:
        root = make_content(tmp_path_factory.mktemp("w"))
        issues: list = []
        vocab = load_vocabulary(root, issues)
        _CACHE["w"] = (
            load_questionnaire(root, "en", vocab, issues),
            load_countries(root, vocab, issues),
            list(vocab.threats),
        )
    return _CACHE["w"]


@pytest.mark.parametrize(
    "document,problem",
    [
        ({"answers": {"context": {}}}, "section 'threats' is missing"),
        ({"answers": {"context": {"nope": "x"}, "threats": {}}}, "unknown question 'nope'"),
        (
            {"answers": {"context": {"line-of-work": "journalism"}, "threats": {}}},
            "expects a list of option ids",
        ),
        (
            {"answers": {"context": {}, "threats": {"laptop-encrypted": "maybe"}}},
            "'maybe' is not one of its options",
        ),
        (
            {"answers": {"context": {"home-country": "Kenya"}, "threats": {}}},
            "expects a two-letter country code",
        ),
        ({"answers": {"context": {}, "threats": {}, "extra": {}}}, "unknown section 'extra'"),
        ([], 'must be a JSON object with an "answers" object'),
    ],
)
def test_bad_answers_files_get_clear_problems(world, document, problem):
    questionnaire, _countries, _threats = world
    with pytest.raises(AnswersError) as caught:
        validate_answers(document, questionnaire)
    assert any(problem in p for p in caught.value.problems), caught.value.problems


@pytest.mark.parametrize(
    "b,message",
    [
        (
            SECTION_B.replace("question: threats-experienced", "question: nowhere"),
            "show_if points to 'nowhere'",
        ),
        (
            SECTION_B.replace(
                '- id: "yes"\n        label: "Yes"\n        effects: {capacity',
                '- id: yes\n        label: "Yes"\n        effects: {capacity',
            ),
            "quote the option id",
        ),
        (
            SECTION_B.replace("{likelihood: {surveillance: 3}", "{likelihood: {surveillance: -1}"),
            "must be 1, 2 or 3",
        ),
        (
            SECTION_B.replace("needs: {device-security: 3}", "needs: {made-up: 3}"),
            "unknown need 'made-up'",
        ),
        (
            SECTION_B.replace(
                "type: single\n    text: Encrypted", "type: slider\n    text: Encrypted"
            ),
            "type must be one of",
        ),
    ],
)
def test_questionnaire_errors_are_reported(tmp_path, b, message):
    root = make_content(tmp_path, b=b)
    issues: list = []
    vocab = load_vocabulary(root, issues)
    load_questionnaire(root, "en", vocab, issues)
    assert any(message in str(i) for i in issues), [str(i) for i in issues]


def test_translation_merges_texts_keeps_effects_and_reports_drift(tmp_path):
    root = make_content(tmp_path)
    (root / "es/assessment").mkdir(parents=True)
    (root / "es/assessment/2-threats.yaml").write_text(
        "id: threats\ntitle: Amenazas\nquestions:\n"
        "  - id: laptop-encrypted\n    text: ¿Computadora cifrada?\n    options:\n"
        '      - id: "no"\n        label: "No"\n        reason: tu computadora no está cifrada\n'
        "  - id: invented\n    text: x\n"
    )
    issues: list = []
    vocab = load_vocabulary(root, issues)
    english = load_questionnaire(root, "en", vocab, issues)
    spanish = translate(english, root, "es", issues)
    question = spanish.questions["laptop-encrypted"]
    assert question.text == "¿Computadora cifrada?"
    assert question.option("no").effects.reason == "tu computadora no está cifrada"
    assert question.option("no").effects.vulnerability == {"device-seizure": 2}
    assert spanish.questions["line-of-work"].text == "Your work?"  # English fallback
    assert any("question 'invented' is not in the English section" in str(i) for i in issues)


def test_country_reasons_in_the_readers_language_and_drift(tmp_path):
    root = make_content(tmp_path)
    (root / "es").mkdir()
    (root / "es/countries.yaml").write_text(
        'reasons:\n  ke-fact: "de un hecho sobre Kenia"\n  ke-invented: "x"\n'
    )
    issues: list = []
    vocab = load_vocabulary(root, issues)
    questionnaire = load_questionnaire(root, "en", vocab, issues)
    english = load_countries(root, vocab, issues)
    spanish = translate_countries(english, root, "es", issues)
    assert [str(i) for i in issues] == [
        "content/es/countries.yaml:3: error: fact 'ke-invented' is not in content/countries.yaml"
    ]
    answers = {"line-of-work": ["journalism"], "home-country": "KE"}
    threats = list(vocab.threats)
    reasons = {
        d.reason
        for d in profile_of(answers, questionnaire, spanish, threats)
        .threats["surveillance"]
        .drivers
    }
    assert "de un hecho sobre Kenia" in reasons and "of a fact about Kenya" not in reasons
    # The effects are the English file's, and the English countries are untouched.
    assert spanish["KE"].facts[0].effects.likelihood == {"surveillance": 2}
    assert english["KE"].facts[0].reason == "of a fact about Kenya"
    # A language without a reason for a fact keeps English, with a warning.
    (root / "fr").mkdir()
    (root / "fr/countries.yaml").write_text("reasons: {}\n")
    issues = []
    french = translate_countries(english, root, "fr", issues)
    assert french["KE"].facts[0].reason == "of a fact about Kenya"
    assert [i.level for i in issues] == ["warning"] and "ke-fact" in issues[0].message


def _rec(
    mid: str, priority: float, minutes: int = 60, prereqs: tuple[str, ...] = ()
) -> Recommendation:
    return Recommendation(
        ModuleInfo(mid, mid, "foundation", minutes, prereqs, ()), priority, ["a reason"]
    )


def test_focus_keeps_what_weighs_within_the_budget():
    path = [
        _rec("a", 10),
        _rec("b", 9, prereqs=("a",)),
        _rec("c", 3),  # under 40% of the top
        _rec("d", 8, minutes=600),  # over the budget left
        _rec("e", 5),
    ]
    core, more = focus(path, budget_minutes=300)
    assert [r.module.id for r in core] == ["a", "b", "e"]
    assert [r.module.id for r in more] == ["c", "d"]
    assert focus([]) == ([], [])


@settings(max_examples=150, deadline=None)
@given(
    priorities=st.lists(st.floats(min_value=0, max_value=50), min_size=1, max_size=12),
    minutes=st.lists(st.integers(min_value=15, max_value=240), min_size=12, max_size=12),
    links=st.lists(st.booleans(), min_size=12, max_size=12),
    budget=st.integers(min_value=0, max_value=2000),
    share=st.floats(min_value=0, max_value=1),
)
def test_focus_is_an_ordered_split_that_keeps_prerequisites(
    priorities, minutes, links, budget, share
):
    path = [
        _rec(
            f"m{i}",
            p,
            minutes[i],
            (f"m{i - 1}",) if i and links[i] else (),
        )
        for i, p in enumerate(priorities)
    ]
    core, more = focus(path, share=share, budget_minutes=budget)
    ids = [r.module.id for r in path]
    assert sorted(r.module.id for r in core + more) == sorted(ids)
    assert [r.module.id for r in core] == [i for i in ids if i in {r.module.id for r in core}]
    assert sum(r.module.duration_minutes for r in core) <= budget
    kept = {r.module.id for r in core}
    for rec in core:
        assert all(p in kept for p in rec.module.prerequisites)
