"""Writes for assessments: answers are checked against the questionnaire, then stored
encrypted with the participant's own key, with an audit row in the same transaction."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from holdfast.accounts.models import User
from holdfast.assessment.engine import validate_answers
from holdfast.assessment.models import Assessment
from holdfast.assessment.questionnaire import (
    Country,
    Questionnaire,
    load_countries,
    load_questionnaire,
    translate,
)
from holdfast.core import audit
from holdfast.curriculum.selectors import vocabulary


@functools.cache
def _questionnaire(content_dir: str, lang: str) -> Questionnaire:
    root = Path(content_dir)
    issues: list[Any] = []
    english = load_questionnaire(root, "en", vocabulary(), issues)
    return translate(english, root, lang, issues)


@functools.cache
def _countries(content_dir: str) -> dict[str, Country]:
    return load_countries(Path(content_dir), vocabulary(), [])


def questionnaire(lang: str = "en") -> Questionnaire:
    """The questionnaire in a language (read once per process; `content check` guards it)."""
    return _questionnaire(str(settings.HOLDFAST_CONTENT_DIR), lang)


def countries() -> dict[str, Country]:
    return _countries(str(settings.HOLDFAST_CONTENT_DIR))


@transaction.atomic
def assessment_submit(*, actor: User, document: Any) -> Assessment:
    """Store a complete answers document for the actor. Raises AnswersError (nothing is
    saved) when it does not fit the questionnaire."""
    answers = validate_answers(document, questionnaire("en"))
    assessment = Assessment.objects.create(user=actor, answers=answers, submitted_at=timezone.now())
    audit.record(actor=actor, action="assessment.submit", obj=assessment)
    return assessment
