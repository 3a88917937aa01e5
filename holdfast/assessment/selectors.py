"""Reads of assessments, only ever the acting participant's own; reads are audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from holdfast.accounts.models import User
from holdfast.assessment import services
from holdfast.assessment.engine import ModuleInfo, Profile, Recommendation, profile_of, recommend
from holdfast.assessment.models import Assessment, Sharing
from holdfast.core import audit
from holdfast.curriculum import selectors as curriculum


@dataclass
class PathView:
    assessment: Assessment
    profile: Profile
    path: list[Recommendation]


def _modules(lang: str) -> tuple[list[ModuleInfo], dict[str, str]]:
    """The active curriculum as the recommender sees it, titles in ``lang``, and each
    module's domain."""
    views = curriculum.catalogue(lang=lang)
    modules = [
        ModuleInfo(
            v.module.slug,
            v.text.title,
            v.module.level,
            v.module.duration_minutes,
            tuple(v.module.prerequisites),
            tuple(v.module.addresses),
        )
        for v in views
    ]
    return modules, {v.module.slug: v.module.domain for v in views}


def latest_assessment(*, actor: User) -> Assessment | None:
    assessment = Assessment.objects.filter(user=actor).exclude(submitted_at=None).first()
    if assessment is not None:
        audit.record(actor=actor, action="assessment.read", obj=assessment)
    return assessment


def path_for(*, actor: User, lang: str) -> PathView | None:
    """The actor's latest risk profile and learning path, in their language."""
    assessment = latest_assessment(actor=actor)
    if assessment is None:
        return None
    questionnaire = services.questionnaire(lang)
    threats = list(curriculum.vocabulary().threats)
    profile = profile_of(assessment.answers, questionnaire, services.countries(), threats)
    modules, _domains = _modules(lang)
    # Translators: the reason a prerequisite module is in the path.
    prepares = _("it prepares you for “%(title)s”").replace("%(title)s", "{title}")
    return PathView(assessment, profile, recommend(profile, modules, prepares=prepares))


def shares_answers(*, user: User) -> bool:
    sharing = Sharing.objects.filter(user=user).first()
    return bool(sharing and sharing.share_answers)


@dataclass
class CohortRow:
    participant: User
    by_domain: dict[str, float]
    shares_answers: bool


@dataclass
class CohortNeeds:
    rows: list[CohortRow]
    domains: list[str]
    common_threats: list[tuple[str, int]]
    without_assessment: int


def cohort_needs(*, actor: User, lang: str) -> CohortNeeds:
    """For staff: per participant of the actor's programme, the weight of each domain in
    their learning path, and the threats most often among people's top three. Built from
    profiles and paths only; reading each assessment is audited."""
    from holdfast.accounts.selectors import participants_for

    participants = list(participants_for(actor=actor))
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
    modules, domain_of = _modules(lang)
    domains = sorted(curriculum.vocabulary().domains)
    rows: list[CohortRow] = []
    counts: dict[str, int] = {}
    for person in participants:
        found = latest.get(person.pk)
        if found is None:
            continue
        audit.record(actor=actor, action="assessment.read.aggregate", obj=found)
        profile = profile_of(found.answers, questionnaire, services.countries(), threats)
        by_domain = dict.fromkeys(domains, 0.0)
        for rec in recommend(profile, modules):
            by_domain[domain_of[rec.module.id]] += rec.priority
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
