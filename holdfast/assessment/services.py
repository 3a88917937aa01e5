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
from holdfast.assessment.models import Assessment, Progress, Sharing
from holdfast.assessment.questionnaire import (
    Country,
    Questionnaire,
    load_countries,
    load_questionnaire,
    translate,
    translate_countries,
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
def _countries(content_dir: str, lang: str) -> dict[str, Country]:
    root = Path(content_dir)
    english = load_countries(root, vocabulary(), [])
    if lang == "en":
        return english
    return translate_countries(english, root, lang, [])


def questionnaire(lang: str = "en") -> Questionnaire:
    """The questionnaire in a language (read once per process; `content check` guards it)."""
    return _questionnaire(str(settings.HOLDFAST_CONTENT_DIR), lang)


def countries(lang: str = "en") -> dict[str, Country]:
    """Country context; facts' reasons in ``lang`` where translated."""
    return _countries(str(settings.HOLDFAST_CONTENT_DIR), lang)


@transaction.atomic
def assessment_submit(*, actor: User, document: Any) -> Assessment:
    """Store a complete answers document for the actor. Raises AnswersError (nothing is
    saved) when it does not fit the questionnaire."""
    answers = validate_answers(document, questionnaire("en"))
    assessment = Assessment.objects.create(user=actor, answers=answers, submitted_at=timezone.now())
    audit.record(actor=actor, action="assessment.submit", obj=assessment)
    return assessment


def draft_for(*, actor: User) -> Assessment:
    """The participant's assessment in progress. Created on first use: empty the first
    time, and holding the latest submitted answers when answering again, so a person
    changes only what changed."""
    draft = Assessment.objects.filter(user=actor, submitted_at=None).first()
    if draft is None:
        latest = Assessment.objects.filter(user=actor).exclude(submitted_at=None).first()
        earlier = latest.answers if latest is not None and isinstance(latest.answers, dict) else {}
        draft = Assessment.objects.create(user=actor, answers=dict(earlier))
        audit.record(actor=actor, action="assessment.start", obj=draft)
    return draft


@transaction.atomic
def draft_save_section(*, actor: User, section_id: str, values: dict[str, Any]) -> Assessment:
    """Replace the answers of one section in the actor's draft (skipped questions are
    dropped). ``values`` come from a validated form: option ids of this section only."""
    source = questionnaire("en")
    section = next(s for s in source.sections if s.id == section_id)
    own = {q.id for q in section.questions}
    draft = Assessment.objects.select_for_update().get(pk=draft_for(actor=actor).pk)
    answers = {k: v for k, v in draft.answers.items() if k not in own}
    answers.update({k: v for k, v in values.items() if k in own and v not in (None, "", [])})
    draft.answers = answers
    draft.save()
    audit.record(actor=actor, action="assessment.save", obj=draft)
    return draft


@transaction.atomic
def draft_submit(*, actor: User) -> Assessment:
    """Finish the draft: the same checks as any answers file, then it counts."""
    draft = Assessment.objects.select_for_update().get(pk=draft_for(actor=actor).pk)
    source = questionnaire("en")
    grouped: dict[str, dict[str, Any]] = {s.id: {} for s in source.sections}
    for qid, value in draft.answers.items():
        question = source.questions.get(qid)
        if question is not None:
            grouped[question.section][qid] = value
    draft.answers = validate_answers({"answers": grouped}, source)
    draft.submitted_at = timezone.now()
    draft.save()
    audit.record(actor=actor, action="assessment.submit", obj=draft)
    return draft


@transaction.atomic
def sharing_set(*, actor: User, share_answers: bool) -> None:
    """The participant decides whether trainers may read their individual answers."""
    Sharing.objects.update_or_create(user=actor, defaults={"share_answers": share_answers})
    audit.record(
        actor=actor, action=f"assessment.consent.{'share' if share_answers else 'keep'}", obj=actor
    )


class ProgressError(ValueError):
    """A progress update that does not fit the module (unknown module or item)."""


@transaction.atomic
def progress_save(*, actor: User, module_slug: str, done: bool, ticked: list[int]) -> None:
    """Record the actor's progress in one module: done or not, and which checklist items
    (numbered from 0) are ticked. Raises ProgressError, saving nothing, for a module that
    is not in the curriculum or an item it does not have."""
    from holdfast.curriculum.models import ModuleText

    # Translations keep the English number of items (`content check`), so numbers match.
    text = ModuleText.objects.filter(
        module__slug=module_slug, module__retired_at=None, lang="en"
    ).first()
    if text is None:
        raise ProgressError("unknown module")
    items = len(text.checklist)
    if any(not 0 <= i < items for i in ticked):
        raise ProgressError("unknown checklist item")
    row = Progress.objects.select_for_update().filter(user=actor).first()
    if row is None:
        row = Progress(user=actor, state={})
    state = row.state if isinstance(row.state, dict) else {}
    state[module_slug] = {"done": bool(done), "ticked": sorted(set(ticked))}
    row.state = state
    row.save()
    audit.record(actor=actor, action="progress.save", obj=row)
