"""Everything `holdfast recommend` needs, from content/ alone (no database)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from holdfast.assessment.engine import (
    ModuleInfo,
    Profile,
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
from holdfast.curriculum.schema import SOURCE_LANGUAGE, Issue, load


class ContentProblemError(Exception):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} problems in the content")
        self.issues = issues


@dataclass
class Result:
    profile: Profile
    path: list[Recommendation]
    more: list[Recommendation]  # matching modules outside the focused path
    lang: str


def modules_from_content(content: Any, lang: str) -> list[ModuleInfo]:
    source = content.modules[SOURCE_LANGUAGE]
    translated = content.modules.get(lang, {})
    return [
        ModuleInfo(
            m.id,
            (translated.get(m.id) or m).title,
            m.level,
            m.duration_minutes,
            tuple(m.prerequisites),
            tuple(m.addresses),
        )
        for m in source.values()
    ]


def run(
    root: Path, answers_document: Any, *, lang: str = "en", budget_minutes: int | None = None
) -> Result:
    content = load(root)
    issues = list(content.errors)
    questionnaire = load_questionnaire(root, SOURCE_LANGUAGE, content.vocabulary, issues)
    countries = load_countries(root, content.vocabulary, issues)
    errors = [i for i in issues if i.level == "error"]
    if errors:
        raise ContentProblemError(errors)
    # Reasons in the reader's language; the effects are the English files'.
    questionnaire = translate(questionnaire, root, lang, issues)
    if lang != SOURCE_LANGUAGE:
        countries = translate_countries(countries, root, lang, issues)
    answers = validate_answers(answers_document, questionnaire)
    profile = profile_of(answers, questionnaire, countries, list(content.vocabulary.threats))
    ranked = recommend(profile, modules_from_content(content, lang))
    if budget_minutes is None:
        path, more = focus(ranked)
    else:
        path, more = focus(ranked, share=0.0, budget_minutes=budget_minutes)
    return Result(profile, path, more, lang)


def as_json(result: Result) -> dict[str, Any]:
    return {
        "profile": [
            {
                "threat": t.threat,
                "score": t.score,
                "likelihood": t.likelihood,
                "impact": t.impact,
                "vulnerability": t.vulnerability,
                "capacity": t.capacity,
                "because": [d.reason for d in t.drivers],
                "sources": [d.source for d in t.drivers],
            }
            for t in sorted(result.profile.threats.values(), key=lambda t: -t.score)
            if t.drivers
        ],
        "path": [
            {
                "module": r.module.id,
                "title": r.module.title,
                "level": r.module.level,
                "minutes": r.module.duration_minutes,
                "because": r.reasons,
            }
            for r in result.path
        ],
        "more": [{"module": r.module.id, "title": r.module.title} for r in result.more],
    }


def as_text(result: Result) -> str:
    lines = ["Risk profile (0 to 100, threats your answers touched):"]
    risks = [
        t for t in sorted(result.profile.threats.values(), key=lambda t: -t.score) if t.drivers
    ]
    if not risks:
        lines.append("  nothing reported")
    for t in risks:
        lines.append(
            f"  {t.threat:24} {t.score:3}  (likelihood {t.likelihood}, impact "
            f"{t.impact}, vulnerability {t.vulnerability}, capacity {t.capacity})"
        )
        lines.append(f"    because {'; '.join(d.reason for d in t.drivers[:3])}")
    total = sum(r.module.duration_minutes for r in result.path)
    lines.append("")
    lines.append(f"Learning path ({len(result.path)} modules, {total} minutes):")
    for number, rec in enumerate(result.path, 1):
        lines.append(
            f"  {number:2}. {rec.module.title} [{rec.module.id}, {rec.module.duration_minutes} min]"
        )
        lines.append(f"      because {'; '.join(rec.reasons)}")
    if result.more:
        lines.append("")
        lines.append(f"Also matching your answers ({len(result.more)} modules, by priority):")
        lines.append("  " + ", ".join(rec.module.id for rec in result.more))
    return "\n".join(lines)
