"""Reads of assessments, only ever the acting participant's own; reads are audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from holdfast.accounts.models import User
from holdfast.assessment import services
from holdfast.assessment.engine import ModuleInfo, Profile, Recommendation, profile_of, recommend
from holdfast.assessment.models import Assessment
from holdfast.core import audit
from holdfast.curriculum import selectors as curriculum


@dataclass
class PathView:
    assessment: Assessment
    profile: Profile
    path: list[Recommendation]


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
    modules = [
        ModuleInfo(
            v.module.slug,
            v.text.title,
            v.module.level,
            v.module.duration_minutes,
            tuple(v.module.prerequisites),
            tuple(v.module.addresses),
        )
        for v in curriculum.catalogue(lang=lang)
    ]
    # Translators: the reason a prerequisite module is in the path.
    prepares = _("it prepares you for “%(title)s”").replace("%(title)s", "{title}")
    return PathView(assessment, profile, recommend(profile, modules, prepares=prepares))
