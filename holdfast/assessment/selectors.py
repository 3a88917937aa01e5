"""Reads of assessments, only ever the acting participant's own; reads are audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from holdfast.accounts.models import User
from holdfast.assessment import services
from holdfast.assessment.engine import (
    ModuleInfo,
    Profile,
    Recommendation,
    chosen,
    focus,
    profile_of,
    recommend,
)
from holdfast.assessment.models import Assessment, Progress, Sharing
from holdfast.assessment.questionnaire import Question
from holdfast.core import audit
from holdfast.curriculum import selectors as curriculum
from holdfast.programmes.models import Cohort


@dataclass
class PathView:
    assessment: Assessment
    profile: Profile
    path: list[Recommendation]  # the focused path
    more: list[Recommendation]  # other modules that match the answers, by priority
    progress: dict[str, dict[str, object]]  # own progress, by module id
    checklist_sizes: dict[str, int]
    answered_before: bool  # an earlier submitted assessment exists: changes can be shown

    @property
    def done(self) -> int:
        return sum(1 for rec in self.path if self.progress.get(rec.module.id, {}).get("done"))

    @property
    def hours(self) -> int:
        """The focused path's length, in whole hours (at least one)."""
        return max(1, round(sum(rec.module.duration_minutes for rec in self.path) / 60))


def _modules(lang: str) -> tuple[list[ModuleInfo], dict[str, str], dict[str, int]]:
    """The active curriculum as the recommender sees it, titles in ``lang``, each
    module's domain, and the number of items in each module's checklist."""
    rows = curriculum.for_recommender(lang=lang)
    modules = [
        ModuleInfo(r.slug, r.title, r.level, r.duration_minutes, r.prerequisites, r.addresses)
        for r in rows
    ]
    return (
        modules,
        {r.slug: r.domain for r in rows},
        {r.slug: r.checklist_items for r in rows},
    )


def latest_assessment(*, actor: User) -> Assessment | None:
    assessment = Assessment.objects.filter(user=actor).exclude(submitted_at=None).first()
    if assessment is not None:
        audit.record(actor=actor, action="assessment.read", obj=assessment)
    return assessment


def progress_for(*, actor: User) -> dict[str, dict[str, object]]:
    """The actor's own progress: {module id: {"done": bool, "ticked": [item numbers]}}."""
    row = Progress.objects.filter(user=actor).first()
    if row is None or not isinstance(row.state, dict):
        return {}
    return row.state


def _path(
    assessment: Assessment, lang: str, catalogue: list[ModuleInfo]
) -> tuple[Profile, list[Recommendation], list[Recommendation]]:
    questionnaire = services.questionnaire(lang)
    threats = list(curriculum.vocabulary().threats)
    answers = assessment.answers if isinstance(assessment.answers, dict) else {}
    profile = profile_of(answers, questionnaire, services.countries(lang), threats)
    # Translators: the reason a prerequisite module is in the path.
    prepares = _("it prepares you for “%(title)s”").replace("%(title)s", "{title}")
    path, more = focus(recommend(profile, catalogue, prepares=prepares))
    return profile, path, more


def path_for(*, actor: User, lang: str) -> PathView | None:
    """The actor's latest risk profile and learning path, in their language, with their
    progress through it."""
    assessment = latest_assessment(actor=actor)
    if assessment is None:
        return None
    modules, _domains, sizes = _modules(lang)
    profile, path, more = _path(assessment, lang, modules)
    earlier = Assessment.objects.filter(user=actor).exclude(submitted_at=None).count() > 1
    return PathView(assessment, profile, path, more, progress_for(actor=actor), sizes, earlier)


@dataclass
class AnswerChange:
    section: str
    question: str
    before: str
    after: str
    added: str = ""  # multiple choice: the options picked now and not before
    removed: str = ""  # and those dropped


@dataclass
class Changes:
    earlier: Assessment
    latest: Assessment
    risks: list[tuple[str, int | None, int | None]]  # threat id, earlier score, latest score
    added: list[Recommendation]
    removed: list[Recommendation]
    kept: int
    answers: list[AnswerChange]


def answer_text(question: Question, value: object, lang: str) -> str:
    """An answer as the person chose it: option labels, a country's name, or the text."""
    if value in (None, "", []):
        return ""
    if question.options:
        picked = chosen(question, value)
        return ", ".join(o.label for o in question.options if o.id in picked)
    if question.type == "country" and isinstance(value, str):
        country = services.countries().get(value.upper())
        return country.names.get(lang, value) if country else value
    return str(value)


def changes_for(*, actor: User, lang: str) -> Changes | None:
    """What changed between the actor's two latest submitted assessments: risk scores,
    the focused path, and the answers. None before a second assessment."""
    two = list(Assessment.objects.filter(user=actor).exclude(submitted_at=None)[:2])
    if len(two) < 2:
        return None
    latest, earlier = two
    for row in two:
        audit.record(actor=actor, action="assessment.read", obj=row)
    modules, _domains, _sizes = _modules(lang)  # one read of the curriculum for both
    before_profile, before_path, _more = _path(earlier, lang, modules)
    after_profile, after_path, _more = _path(latest, lang, modules)
    risks = []
    for threat in curriculum.vocabulary().threats:
        old = before_profile.threats.get(threat)
        new = after_profile.threats.get(threat)
        old_score = old.score if old is not None and old.drivers else None
        new_score = new.score if new is not None and new.drivers else None
        if old_score is not None or new_score is not None:
            risks.append((threat, old_score, new_score))
    risks.sort(key=lambda r: (-(r[2] or 0), -(r[1] or 0), r[0]))
    before_ids = {rec.module.id for rec in before_path}
    after_ids = {rec.module.id for rec in after_path}
    questionnaire = services.questionnaire(lang)
    old_answers = earlier.answers if isinstance(earlier.answers, dict) else {}
    new_answers = latest.answers if isinstance(latest.answers, dict) else {}
    answers = []
    for section in questionnaire.sections:
        for question in section.questions:
            before = answer_text(question, old_answers.get(question.id), lang)
            after = answer_text(question, new_answers.get(question.id), lang)
            if before == after:
                continue
            change = AnswerChange(section.title, question.text, before, after)
            if question.type == "multiple":
                old_ids = set(chosen(question, old_answers.get(question.id)))
                new_ids = set(chosen(question, new_answers.get(question.id)))
                change.added = ", ".join(
                    o.label for o in question.options if o.id in new_ids - old_ids
                )
                change.removed = ", ".join(
                    o.label for o in question.options if o.id in old_ids - new_ids
                )
            answers.append(change)
    return Changes(
        earlier,
        latest,
        risks,
        [rec for rec in after_path if rec.module.id not in before_ids],
        [rec for rec in before_path if rec.module.id not in after_ids],
        len(before_ids & after_ids),
        answers,
    )


def shares_answers(*, user: User) -> bool:
    sharing = Sharing.objects.filter(user=user).first()
    return bool(sharing and sharing.share_answers)


@dataclass
class CohortRow:
    participant: User
    by_domain: dict[str, int]  # modules of each domain in their focused path
    shares_answers: bool


@dataclass
class CohortNeeds:
    rows: list[CohortRow]
    domains: list[str]
    common_threats: list[tuple[str, int]]
    without_assessment: int


def cohort_needs(*, actor: User, lang: str, cohort: Cohort | None) -> CohortNeeds:
    """For staff: per participant of one cohort of the actor's programme, how many
    modules of each domain their focused path holds, and the threats most often among
    people's top three. Built from profiles and paths only; each assessment read is
    audited. ``cohort`` must come from programmes.selectors.cohorts_for(actor); None
    means no cohort yet."""
    from holdfast.accounts.selectors import participants_for

    if cohort is None:
        return CohortNeeds([], sorted(curriculum.vocabulary().domains), [], 0)
    participants = list(participants_for(actor=actor).filter(membership__cohort=cohort))
    latest: dict[int, Assessment] = {}
    for row in Assessment.objects.filter(
        user__in=participants, submitted_at__isnull=False
    ).order_by("user_id", "-submitted_at"):
        latest.setdefault(row.user_id, row)
    sharing = set(
        Sharing.objects.filter(user__in=participants, share_answers=True).values_list(
            "user_id", flat=True
        )
    )
    questionnaire = services.questionnaire("en")
    threats = list(curriculum.vocabulary().threats)
    modules, domain_of, _sizes = _modules(lang)
    domains = sorted(curriculum.vocabulary().domains)
    rows: list[CohortRow] = []
    counts: dict[str, int] = {}
    audit.record_many(
        actor=actor,
        action="assessment.read.aggregate",
        objs=[latest[p.pk] for p in participants if p.pk in latest],
    )
    for person in participants:
        found = latest.get(person.pk)
        if found is None:
            continue
        profile = profile_of(found.answers, questionnaire, services.countries(), threats)
        by_domain = dict.fromkeys(domains, 0)
        path, _more = focus(recommend(profile, modules))
        for rec in path:
            by_domain[domain_of[rec.module.id]] += 1
        rows.append(CohortRow(person, by_domain, person.pk in sharing))
        top = sorted(
            (t for t in profile.threats.values() if t.drivers), key=lambda t: (-t.score, t.threat)
        )[:3]
        for t in top:
            counts[t.threat] = counts.get(t.threat, 0) + 1
    common = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:5]
    return CohortNeeds(rows, domains, common, len(participants) - len(rows))


def answers_for_staff(*, actor: User, participant_id: int) -> tuple[User, Assessment] | None:
    """A participant's answers, for staff of their programme, only with their consent."""
    from holdfast.accounts.selectors import participants_for

    person = participants_for(actor=actor).filter(pk=participant_id).first()
    if person is None or not shares_answers(user=person):
        return None
    assessment = (
        Assessment.objects.filter(user=person, submitted_at__isnull=False)
        .order_by("-submitted_at")
        .first()
    )
    if assessment is None:
        return None
    audit.record(actor=actor, action="assessment.read.answers", obj=assessment)
    return person, assessment
