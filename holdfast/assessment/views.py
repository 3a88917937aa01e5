"""The participant's own risk profile and learning path."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from holdfast.assessment import selectors, services
from holdfast.assessment.forms import SectionForm, visible_questions
from holdfast.assessment.questionnaire import Section
from holdfast.core.access import acting_user, role_required
from holdfast.curriculum.selectors import name_of
from holdfast.programmes import selectors as programme_selectors

BAR_HEIGHT = 22


@role_required("participant")
def my_path(request: HttpRequest) -> HttpResponse:
    lang = get_language() or "en"
    view = selectors.path_for(actor=acting_user(request), lang=lang)
    bars = []
    if view is not None:
        risks = sorted(
            (t for t in view.profile.threats.values() if t.drivers),
            key=lambda t: (-t.score, t.threat),
        )
        for index, risk in enumerate(risks):
            bars.append(
                {
                    "name": name_of(risk.threat, lang),
                    "score": risk.score,
                    "y": index * (BAR_HEIGHT + 8),
                    "text_y": index * (BAR_HEIGHT + 8) + 15,
                    "width": max(risk.score, 1) * 3,
                    "label_x": 3 * max(risk.score, 1) + 6,
                    "reasons": [d.reason for d in risk.drivers[:3]],
                }
            )
    steps = []
    if view is not None:
        for rec in view.path:
            mine = view.progress.get(rec.module.id, {})
            ticked = mine.get("ticked")
            steps.append(
                {
                    "rec": rec,
                    "done": bool(mine.get("done")),
                    "ticked": len(ticked) if isinstance(ticked, list) else 0,
                    "items": view.checklist_sizes.get(rec.module.id, 0),
                }
            )
    return render(
        request,
        "assessment/my_path.html",
        {
            "view": view,
            "steps": steps,
            "bars": bars,
            "chart_height": max(len(bars), 1) * (BAR_HEIGHT + 8),
            "shares_answers": selectors.shares_answers(user=acting_user(request)),
        },
    )


def _section_or_404(lang: str, section_id: str) -> Section:
    section = next((s for s in services.questionnaire(lang).sections if s.id == section_id), None)
    if section is None:
        raise Http404
    return section


@role_required("participant")
def assessment_overview(request: HttpRequest) -> HttpResponse:
    """The sections, how far the participant got, and the button that finishes."""
    actor = acting_user(request)
    lang = get_language() or "en"
    draft = services.draft_for(actor=actor)
    if request.method == "POST":
        services.draft_submit(actor=actor)
        messages.success(request, _("Thank you. Your learning path is ready."))
        return redirect("my_path")
    questionnaire = services.questionnaire(lang)
    rows = [
        (s, sum(1 for q in s.questions if q.id in draft.answers)) for s in questionnaire.sections
    ]
    return render(request, "assessment/overview.html", {"rows": rows})


@role_required("participant")
def assessment_section(request: HttpRequest, section_id: str) -> HttpResponse:
    actor = acting_user(request)
    lang = get_language() or "en"
    section = _section_or_404(lang, section_id)
    questionnaire = services.questionnaire(lang)
    draft = services.draft_for(actor=actor)
    questions = visible_questions(section, draft.answers, questionnaire)
    form = SectionForm(
        request.POST or None,
        questions=questions,
        countries=services.countries(),
        lang=lang,
        initial={q.id: draft.answers.get(q.id) for q in questions},
    )
    if request.method == "POST" and form.is_valid():
        draft = services.draft_save_section(
            actor=actor, section_id=section.id, values=form.cleaned_data
        )
        now_visible = visible_questions(section, draft.answers, questionnaire)
        if len(now_visible) > len(questions):
            messages.info(request, _("A few more questions, based on your answers."))
            return redirect("assessment_section", section_id=section.id)
        order = [s.id for s in questionnaire.sections]
        index = order.index(section.id)
        if index + 1 < len(order):
            return redirect("assessment_section", section_id=order[index + 1])
        return redirect("assessment_overview")
    return render(request, "assessment/section.html", {"section": section, "form": form})


@role_required("participant")
def my_changes(request: HttpRequest) -> HttpResponse:
    """The two latest assessments side by side: scores, path and answers that changed."""
    lang = get_language() or "en"
    changes = selectors.changes_for(actor=acting_user(request), lang=lang)
    risks = []
    if changes is not None:
        for threat, before, after in changes.risks:
            delta = (after or 0) - (before or 0)
            risks.append(
                {
                    "name": name_of(threat, lang),
                    "before": before,
                    "after": after,
                    "delta": delta,
                    "size": abs(delta),
                }
            )
    return render(request, "assessment/changes.html", {"changes": changes, "risks": risks})


@role_required("participant")
@require_POST
def progress_update(request: HttpRequest, slug: str) -> HttpResponse:
    """Tick checklist items and mark a module done, from the module's page."""
    try:
        ticked = [int(v) for v in request.POST.getlist("ticked")]
        services.progress_save(
            actor=acting_user(request),
            module_slug=slug,
            done=request.POST.get("done") == "yes",
            ticked=ticked,
        )
    except ValueError:  # a number that is not one, or services.ProgressError
        messages.error(
            request, _("Your progress could not be saved: the form did not match this module.")
        )
        return redirect("module_detail", slug=slug)
    messages.success(request, _("Your progress is saved."))
    if request.POST.get("next") == "path":
        return redirect("my_path")
    return redirect(reverse("module_detail", args=[slug]) + "#progress")


@role_required("participant")
@require_POST
def sharing_update(request: HttpRequest) -> HttpResponse:
    services.sharing_set(
        actor=acting_user(request), share_answers=request.POST.get("share_answers") == "yes"
    )
    messages.success(request, _("Your choice is saved."))
    return redirect("my_path")


@role_required("trainer", "protection", "coordinator")
def cohort_needs(request: HttpRequest) -> HttpResponse:
    lang = get_language() or "en"
    actor = acting_user(request)
    cohorts = list(programme_selectors.cohorts_for(actor=actor))
    cohort = programme_selectors.cohort_chosen(cohorts, request.GET.get("cohort"))
    report = selectors.cohort_needs(actor=actor, lang=lang, cohort=cohort)
    peak = max((v for row in report.rows for v in row.by_domain.values()), default=0) or 1
    table = [
        (
            row,
            [
                (value, min(4, int(4 * value / peak + 0.5)))
                for value in (row.by_domain[d] for d in report.domains)
            ],
        )
        for row in report.rows
    ]
    return render(
        request,
        "assessment/cohort_needs.html",
        {
            "report": report,
            "cohorts": cohorts,
            "cohort": cohort,
            "table": table,
            "domain_names": [name_of(d, lang) for d in report.domains],
            "threat_names": [(name_of(t, lang), n) for t, n in report.common_threats],
        },
    )


@role_required("trainer")
def cohort_answers(request: HttpRequest, pk: int) -> HttpResponse:
    lang = get_language() or "en"
    found = selectors.answers_for_staff(actor=acting_user(request), participant_id=pk)
    if found is None:
        raise Http404
    person, assessment = found
    questionnaire = services.questionnaire(lang)
    answered = []
    for section in questionnaire.sections:
        for question in section.questions:
            shown = selectors.answer_text(question, assessment.answers.get(question.id), lang)
            if shown:
                answered.append((section.title, question.text, shown))
    return render(
        request, "assessment/cohort_answers.html", {"person": person, "answered": answered}
    )
