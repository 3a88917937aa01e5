"""Answers -> risk profile -> learning path, with reasons. Plain Python, deterministic.

Risk per threat (docs/subsystems/assessment.md): likelihood L and impact I (1..5),
vulnerability V and capacity C (1..5); risk = L x I x V / C, reported 0..100. Module
priority adds the person's need weights and threat risks over the tags a module
addresses; prerequisites come before the modules that need them.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from holdfast.assessment.questionnaire import Country, Effects, Question, Questionnaire

LEVELS = ("foundation", "intermediate", "advanced")
RISK_MIN, RISK_MAX = 0.2, 125.0
# The focused path (focus()): modules at least this share of the person's top priority,
# within this many minutes; the rest of the matching modules are offered as "more".
FOCUS_SHARE = 0.4
FOCUS_MINUTES = 24 * 60


class AnswersError(Exception):
    """The answers do not fit the questionnaire. ``problems`` lists every issue."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


# -- answers -----------------------------------------------------------------------------


def validate_answers(raw: Any, questionnaire: Questionnaire) -> dict[str, Any]:
    """Check an answers document ``{"answers": {section: {question: value}}}`` and return
    a flat ``{question: value}``. Every section must be present (``{}`` to skip it)."""
    problems: list[str] = []
    if not isinstance(raw, dict) or not isinstance(raw.get("answers"), dict):
        raise AnswersError(['the file must be a JSON object with an "answers" object'])
    given = raw["answers"]
    questions = questionnaire.questions
    flat: dict[str, Any] = {}
    for section in questionnaire.sections:
        if section.id not in given:
            problems.append(f"section '{section.id}' is missing (use {{}} to skip it)")
    for section_id, answers in given.items():
        if not any(s.id == section_id for s in questionnaire.sections):
            problems.append(f"unknown section '{section_id}'")
            continue
        if not isinstance(answers, dict):
            problems.append(f"section '{section_id}' must be an object of answers")
            continue
        for qid, value in answers.items():
            question = questions.get(qid)
            if question is None or question.section != section_id:
                problems.append(f"unknown question '{qid}' in section '{section_id}'")
                continue
            problem = _check_value(question, value)
            if problem:
                problems.append(f"question '{qid}': {problem}")
            else:
                flat[qid] = value
    if problems:
        raise AnswersError(problems)
    return flat


def _check_value(question: Question, value: Any) -> str:
    if value is None:
        return ""
    if question.type in ("single", "scale"):
        if not isinstance(value, str):
            return "expects one option id (text)"
        if question.option(value) is None:
            return f"'{value}' is not one of its options"
    elif question.type == "multiple":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "expects a list of option ids"
        unknown = [v for v in value if question.option(v) is None]
        if unknown:
            return f"not among its options: {', '.join(unknown)}"
    elif question.type == "country":
        if not isinstance(value, str) or len(value) != 2 or not value.isalpha():
            return "expects a two-letter country code"
    elif question.type == "text" and not isinstance(value, str):
        return "expects text"
    return ""


def chosen(question: Question, value: Any) -> list[str]:
    if question.type in ("single", "scale") and isinstance(value, str):
        return [value]
    if question.type == "multiple" and isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def visible(
    question: Question, answers: Mapping[str, Any], questions: Mapping[str, Question]
) -> bool:
    """A question whose show_if is not met is ignored, whatever was sent for it."""
    if question.show_if is None:
        return True
    target = questions.get(question.show_if.question)
    if target is None or not visible(target, answers, questions):
        return False
    picked = chosen(target, answers.get(target.id))
    return any(v in question.show_if.any_of for v in picked)


# -- risk profile --------------------------------------------------------------------------


@dataclass(frozen=True)
class Driver:
    """An answer or country fact that moved a score, and the reason a person can read."""

    source: str  # "question:<id>=<option>" or "fact:<id>"
    reason: str
    weight: int


@dataclass
class ThreatRisk:
    threat: str
    likelihood: int = 1
    impact: int = 3
    vulnerability: int = 1
    capacity: int = 1
    drivers: list[Driver] = field(default_factory=list)

    @property
    def raw(self) -> float:
        return self.likelihood * self.impact * self.vulnerability / self.capacity

    @property
    def score(self) -> int:
        """0..100, monotonic in the raw risk."""
        return round(100 * (self.raw - RISK_MIN) / (RISK_MAX - RISK_MIN))


@dataclass
class Profile:
    threats: dict[str, ThreatRisk]
    needs: dict[str, int]
    need_drivers: dict[str, list[Driver]]
    capacity_total: int


def _clamp(value: int) -> int:
    return max(1, min(5, value))


def profile_of(
    answers: Mapping[str, Any],
    questionnaire: Questionnaire,
    countries: Mapping[str, Country],
    threat_ids: Iterable[str],
) -> Profile:
    """The risk profile. Tolerant: unknown questions and values are ignored, not fatal."""
    questions = questionnaire.questions
    sums: dict[str, dict[str, int]] = {
        name: {} for name in ("likelihood", "impact", "vulnerability", "capacity")
    }
    drivers: dict[str, list[Driver]] = {t: [] for t in threat_ids}
    needs: dict[str, int] = {}
    need_drivers: dict[str, list[Driver]] = {}

    def apply(effects: Effects, source: str) -> None:
        for name in sums:
            for threat, weight in getattr(effects, name).items():
                if threat not in drivers:
                    continue
                sums[name][threat] = sums[name].get(threat, 0) + weight
                if effects.reason and name != "capacity":
                    drivers[threat].append(Driver(source, effects.reason, weight))
        for need, weight in effects.needs.items():
            needs[need] = needs.get(need, 0) + weight
            if effects.reason:
                need_drivers.setdefault(need, []).append(Driver(source, effects.reason, weight))

    for qid in sorted(answers):
        question = questions.get(qid)
        if question is None or not visible(question, answers, questions):
            continue
        value = answers[qid]
        if question.type == "country" and isinstance(value, str):
            country = countries.get(value.upper())
            for fact in country.facts if country else []:
                if fact.applies_if is None or any(
                    v in fact.applies_if.any_of
                    for v in chosen(
                        questions[fact.applies_if.question], answers.get(fact.applies_if.question)
                    )
                    if fact.applies_if.question in questions
                ):
                    apply(fact.effects, f"fact:{fact.id}")
            continue
        for option_id in chosen(question, value):
            option = question.option(option_id)
            if option is not None:
                apply(option.effects, f"question:{qid}={option_id}")
    threats = {
        t: ThreatRisk(
            threat=t,
            likelihood=_clamp(1 + sums["likelihood"].get(t, 0)),
            impact=_clamp(3 + sums["impact"].get(t, 0)),
            vulnerability=_clamp(1 + sums["vulnerability"].get(t, 0)),
            capacity=_clamp(1 + sums["capacity"].get(t, 0)),
            drivers=sorted(drivers[t], key=lambda d: (-d.weight, d.source)),
        )
        for t in drivers
    }
    return Profile(threats, needs, need_drivers, sum(sums["capacity"].values()))


# -- recommender ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleInfo:
    id: str
    title: str
    level: str
    duration_minutes: int
    prerequisites: tuple[str, ...]
    addresses: tuple[str, ...]


@dataclass
class Recommendation:
    module: ModuleInfo
    priority: float
    reasons: list[str]


def _priority(module: ModuleInfo, profile: Profile) -> float:
    score = 0.0
    for tag in module.addresses:
        score += profile.needs.get(tag, 0)
        risk = profile.threats.get(tag)
        if risk is not None and risk.drivers:
            score += risk.score / 10
    return score


def _reasons(module: ModuleInfo, profile: Profile, limit: int = 3) -> list[str]:
    found: list[tuple[int, str]] = []
    for tag in module.addresses:
        risk = profile.threats.get(tag)
        for driver in risk.drivers if risk else []:
            found.append((-driver.weight, driver.reason))
        for driver in profile.need_drivers.get(tag, []):
            found.append((-driver.weight, driver.reason))
    reasons: list[str] = []
    for _weight, reason in sorted(found):
        if reason not in reasons:
            reasons.append(reason)
    return reasons[:limit]


def _suits(module: ModuleInfo, profile: Profile) -> bool:
    """Advanced modules only for people who report practices to build on (capacity)."""
    return module.level != "advanced" or profile.capacity_total >= 3


PREPARES = "it prepares you for “{title}”"


def recommend(
    profile: Profile,
    modules: Iterable[ModuleInfo],
    *,
    prepares: str = PREPARES,
) -> list[Recommendation]:
    """Every module with a reason, prerequisites first, highest priority first
    otherwise. Deterministic. focus() cuts it to a path within a time budget."""
    catalogue = {m.id: m for m in modules}
    picked: dict[str, Recommendation] = {}
    for module in catalogue.values():
        if not _suits(module, profile):
            continue
        priority = _priority(module, profile)
        if priority <= 0:
            continue
        reasons = _reasons(module, profile)
        if reasons:
            picked[module.id] = Recommendation(module, priority, reasons)
    # Pull in prerequisites, each with the reason it is there.
    stack = sorted(picked)
    while stack:
        current = catalogue[stack.pop()]
        for prereq in current.prerequisites:
            if prereq not in catalogue:
                continue
            if prereq not in picked:
                picked[prereq] = Recommendation(catalogue[prereq], 0.0, [])
                stack.append(prereq)
            reason = prepares.format(title=current.title)
            if reason not in picked[prereq].reasons and len(picked[prereq].reasons) < 3:
                picked[prereq].reasons.append(reason)
    # A prerequisite is at least as urgent as what depends on it.
    changed = True
    while changed:
        changed = False
        for rec in picked.values():
            for prereq in rec.module.prerequisites:
                if prereq in picked and picked[prereq].priority < rec.priority:
                    picked[prereq].priority = rec.priority
                    changed = True

    # Kahn's algorithm, highest priority first, ties by level then id.
    def key(mid: str) -> tuple[float, int, str]:
        level = picked[mid].module.level
        return (-picked[mid].priority, LEVELS.index(level) if level in LEVELS else 9, mid)

    waiting = {
        mid: {p for p in rec.module.prerequisites if p in picked} for mid, rec in picked.items()
    }
    dependents: dict[str, list[str]] = {}
    for mid, deps in waiting.items():
        for dep in deps:
            dependents.setdefault(dep, []).append(mid)
    heap = [key(m) for m, deps in waiting.items() if not deps]
    heapq.heapify(heap)
    ordered: list[Recommendation] = []
    while heap:
        mid = heapq.heappop(heap)[2]
        ordered.append(picked[mid])
        for other in dependents.get(mid, []):
            waiting[other].discard(mid)
            if not waiting[other]:
                heapq.heappush(heap, key(other))
    return ordered


def focus(
    path: list[Recommendation],
    *,
    share: float = FOCUS_SHARE,
    budget_minutes: int = FOCUS_MINUTES,
) -> tuple[list[Recommendation], list[Recommendation]]:
    """Split an ordered path into the focused path and the rest. A module stays in focus
    when its priority is at least ``share`` of the highest, its prerequisites are in
    focus, and it fits the budget. Order is kept, so prerequisites still come first."""
    top = max((rec.priority for rec in path), default=0.0)
    present = {rec.module.id for rec in path}
    core: list[Recommendation] = []
    more: list[Recommendation] = []
    kept: set[str] = set()
    used = 0
    for rec in path:
        ready = all(p in kept for p in rec.module.prerequisites if p in present)
        fits = used + rec.module.duration_minutes <= budget_minutes
        if rec.priority >= share * top and ready and fits:
            core.append(rec)
            kept.add(rec.module.id)
            used += rec.module.duration_minutes
        else:
            more.append(rec)
    return core, more
