"""Twelve personas, varied in country, line of work and threats, run through the real
questionnaire and curriculum: the domains that must lead each learning path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from holdfast.assessment import report
from holdfast.curriculum.schema import load

CONTENT = Path(__file__).resolve().parents[2] / "content"
EXAMPLES = CONTENT / "examples" / "answers"
TOP = 6

# persona -> the domain that must be among the first TOP modules and lead the path once
# security management (the common foundation) is set aside.
EXPECTED = {
    "ipe": ("physical-security", "land defender, Brazil: attacks, threats to family"),
    "ceiba": ("physical-security", "community leader, Colombia: armed groups, field work"),
    "okapi": ("physical-security", "journalist, DR Congo: arrested, devices kept"),
    "tamada": ("legal-organisational", "anti-corruption NGO, Georgia: foreign-funding law"),
    "banyan": ("legal-organisational", "legal aid, India: cases, funding and bank problems"),
    "simba": ("digital-security", "LGBTI+ activist, Kenya: doxxed, harassed"),
    "jayloo": ("digital-security", "journalist, Kyrgyzstan: phone taken at a border"),
    "rhodo": ("wellbeing", "women's rights, Nepal: exhausted, isolated"),
    "msasa": ("physical-security", "labour rights, Zimbabwe: arrested at a demonstration"),
    "araucaria": ("advocacy", "indigenous journalist, Brazil: international advocacy"),
    "tusker": ("digital-security", "anti-corruption, Kenya: phishing, spyware warning"),
    "registry": ("legal-organisational", "NGO leader: registration refused, donors gone"),
}
REGISTRY = {
    "answers": {
        "context": {"role": "organisation-leader", "line-of-work": ["other"], "home-country": "UZ"},
        "threats": {"threats-experienced": ["organisational-closure", "funding-restriction"]},
        "devices": {},
        "online": {},
        "physical": {},
        "organisation": {
            "org-belonging": "registered-org",
            "legal-status": "registration-refused",
            "funding-pressure": ["donors-withdrew", "bank-problems"],
        },
        "wellbeing": {},
        "goals": {},
    }
}


def answers_of(name: str) -> dict:
    if name == "registry":
        return REGISTRY
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def domains() -> dict[str, str]:
    return {m.id: m.domain for m in load(CONTENT).modules["en"].values()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_persona_path_is_led_by_the_right_domain(name, domains):
    expected, who = EXPECTED[name]
    result = report.run(CONTENT, answers_of(name))
    leading = [domains[r.module.id] for r in result.path[:TOP]]
    assert expected in leading, (who, [r.module.id for r in result.path[:TOP]])
    # Security management is the common foundation (and holds the prerequisites): the
    # first module from any other domain shows what the path is about.
    first_specific = next(
        domains[r.module.id] for r in result.path if domains[r.module.id] != "security-management"
    )
    assert first_specific == expected, (who, [r.module.id for r in result.path[:TOP]])
    assert all(r.reasons for r in result.path)


def test_every_demo_participant_has_an_answers_file():
    from holdfast.programmes.demo import PARTICIPANTS

    assert {name for name, _country in PARTICIPANTS} == {p.stem for p in EXAMPLES.glob("*.json")}
