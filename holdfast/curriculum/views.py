"""Catalogue, module pages (participant and trainer views) and the resource library."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from holdfast.core.access import acting_user
from holdfast.curriculum import pdf, rendering, search, selectors, services
from holdfast.curriculum.models import Module
from holdfast.curriculum.schema import FORMATS, LEVELS

LEVEL_NAMES = {
    "foundation": _("Foundation"),
    "intermediate": _("Intermediate"),
    "advanced": _("Advanced"),
}


CATALOGUE_PAGE_SIZE = 20


def _lang(request: HttpRequest) -> str:
    return get_language() or "en"


class CatalogueFilter(forms.Form):
    domain = forms.ChoiceField(label=_("Domain"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    tag = forms.ChoiceField(label=_("Need or threat"), required=False)
    lang = forms.ChoiceField(
        label=_("Language of the text"), required=False, choices=settings.LANGUAGES
    )
    translated_only = forms.BooleanField(
        label=_("Only modules written in that language"), required=False
    )

    def __init__(self, *args: object, reader_lang: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        vocab = selectors.vocabulary()
        every = [("", _("All"))]
        self.fields["domain"].choices = every + [  # type: ignore[attr-defined]
            (d, selectors.name_of(d, reader_lang)) for d in vocab.domains
        ]
        self.fields["level"].choices = every + [  # type: ignore[attr-defined]
            (level, LEVEL_NAMES[level]) for level in LEVELS
        ]
        self.fields["tag"].choices = every + sorted(  # type: ignore[attr-defined]
            ((t, selectors.name_of(t, reader_lang)) for t in vocab.tags), key=lambda c: c[1]
        )


def _module_url(slug: str) -> str:
    return reverse("module_detail", args=[slug])


def catalogue(request: HttpRequest) -> HttpResponse:
    reader = _lang(request)
    form = CatalogueFilter(request.GET or None, reader_lang=reader, initial={"lang": reader})
    data = form.cleaned_data if form.is_valid() else {}
    lang = data.get("lang") or reader
    modules = selectors.catalogue(
        lang=lang,
        domain=data.get("domain", ""),
        level=data.get("level", ""),
        tag=data.get("tag", ""),
        translated_only=bool(data.get("translated_only")),
    )
    # A page of cards at a time: rendering is the cost, and 300 cards are a long scroll
    # on a phone. get_page() turns a missing or bad number into the first or last page.
    page = Paginator(modules, CATALOGUE_PAGE_SIZE).get_page(request.GET.get("page"))
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "curriculum/catalogue.html",
        {
            "form": form,
            "modules": page.object_list,
            "page": page,
            "total": len(modules),
            "filters": keep.urlencode(),
            "lang": lang,
            "domain_names": {
                d: selectors.name_of(d, reader) for d in selectors.vocabulary().domains
            },
            "level_names": LEVEL_NAMES,
        },
    )


def _detail_context(request: HttpRequest, slug: str) -> dict[str, object]:
    reader = _lang(request)
    view = selectors.module_get(slug=slug, lang=reader)
    return {
        "view": view,
        "module": view.module,
        "text": view.text,
        "body": rendering.render(view.text.body, _module_url),
        "domain_name": selectors.name_of(view.module.domain, reader),
        "level_name": LEVEL_NAMES.get(view.module.level, view.module.level),
        "tags": [selectors.name_of(t, reader) for t in view.module.addresses],
        "prerequisites": selectors.modules_titles(slugs=view.module.prerequisites, lang=reader),
    }


def module_detail(request: HttpRequest, slug: str) -> HttpResponse:
    context = _detail_context(request, slug)
    actor = acting_user(request)
    if actor.role == "participant":  # their own progress: checklist boxes and "done"
        from holdfast.assessment.selectors import progress_for

        mine = progress_for(actor=actor).get(slug, {})
        ticked = mine.get("ticked")
        context["progress"] = {
            "done": bool(mine.get("done")),
            "ticked": set(ticked) if isinstance(ticked, list) else set(),
        }
    return render(request, "curriculum/module_detail.html", context)


def module_trainer(request: HttpRequest, slug: str) -> HttpResponse:
    context = _detail_context(request, slug)
    return render(request, "curriculum/module_trainer.html", context)


def resource_list(request: HttpRequest) -> HttpResponse:
    if not settings.HOLDFAST_PUBLIC_LIBRARY and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    reader = _lang(request)
    query = request.GET.get("q", "")[:200]
    topic = request.GET.get("topic", "")
    fmt = request.GET.get("format", "")
    items = selectors.resources(topic=topic, query=query, fmt=fmt if fmt in FORMATS else "")
    return render(
        request,
        "curriculum/resources.html",
        {
            "items": items,
            "query": query,
            "topic": topic,
            "format": fmt,
            "topics": sorted(
                ((t, selectors.name_of(t, reader)) for t in selectors.vocabulary().tags),
                key=lambda c: c[1],
            ),
            "formats": FORMATS,
            "topic_names": {t: selectors.name_of(t, reader) for t in selectors.vocabulary().tags},
        },
    )


def search_page(request: HttpRequest) -> HttpResponse:
    reader = _lang(request)
    query = request.GET.get("q", "")[:200]
    hits = search.search(query=query, lang=reader)
    urls = selectors.resource_urls([h.slug for h in hits if h.kind == "resource"])
    return render(
        request,
        "curriculum/search.html",
        {
            "query": query,
            "hits": hits,
            "resource_urls": urls,
        },
    )


def health(request: HttpRequest) -> HttpResponse:
    """For trainers: what needs reviewing or translating."""
    languages = [code for code, _name in settings.LANGUAGES]
    report = selectors.curriculum_health(today=timezone.localdate(), languages=languages)
    return render(request, "curriculum/health.html", {"report": report})


def module_sheet(request: HttpRequest, slug: str) -> HttpResponse:
    """The module as a printable PDF (participant view, in the reader's language)."""
    html = render_to_string(
        "curriculum/module_sheet.html", _detail_context(request, slug), request=request
    )
    response = HttpResponse(pdf.html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="holdfast-{slug}.pdf"'
    return response


NEW_MODULE_TEMPLATE = """---
id: my-module
title: A clear title
domain: security-management
level: foundation
duration_minutes: 60
summary: One or two sentences a participant reads in the catalogue.
objectives:
  - explain one thing
  - decide another
prerequisites: []
addresses: [risk-assessment]
activities:
  - {stage: activity, minutes: 10, instructions: What the group does.}
  - {stage: discussion, minutes: 10, instructions: What you ask.}
  - {stage: input, minutes: 20, instructions: What you explain.}
  - {stage: deepening, minutes: 15, instructions: How they practise.}
  - {stage: synthesis, minutes: 5, instructions: How you close.}
materials: []
checklist: [First action., Second action., Third action.]
knowledge_check:
  - {question: A question?, choices: [One, Two], answers: [0], explanation: Why.}
  - {question: Another?, choices: [One, Two], answers: [1], explanation: Why.}
  - {question: A third?, choices: [One, Two, Three], answers: [2], explanation: Why.}
sources:
  - {title: A source, publisher: Its publisher, url: "https://example.org/", consulted: 2026-11-26}
last_reviewed: 2026-11-26
review_every_months: 12
license: CC-BY-SA-4.0
---
## Why this matters

## What you can do

## Limits and trade-offs

## If something goes wrong

## Keep going
"""


class ModuleTextForm(forms.Form):
    text = forms.CharField(
        label=_("The module, in the content format"),
        widget=forms.Textarea(attrs={"rows": 40, "class": "code", "spellcheck": "false"}),
        help_text=_(
            "YAML front matter between two lines of three dashes, then the text in "
            "Markdown. The same rules as the shipped curriculum apply."
        ),
    )


def _editor(request: HttpRequest, initial: str, existing: Module | None) -> HttpResponse:
    form = ModuleTextForm(request.POST or None, initial={"text": initial})
    problems: list[object] = []
    if request.method == "POST" and form.is_valid():
        try:
            row = services.custom_module_save(
                actor=acting_user(request), text=form.cleaned_data["text"], existing=existing
            )
        except services.ModuleTextInvalidError as exc:
            problems = list(exc.issues)
        else:
            messages.success(request, _("The module is saved."))
            return redirect("module_detail", slug=row.slug)
    return render(
        request,
        "curriculum/module_edit.html",
        {
            "form": form,
            "problems": problems,
            "existing": existing,
        },
    )


def module_new(request: HttpRequest) -> HttpResponse:
    """Write a new module, or start from a copy of another (?from=<slug>)."""
    source = request.GET.get("from", "")
    initial = NEW_MODULE_TEMPLATE
    if source:
        view = selectors.module_get(slug=source, lang="en")
        text = services.module_export_text(view.module, view.text)
        initial = text.replace(f"id: {source}\n", f"id: {source}-adapted\n", 1)
    return _editor(request, initial, None)


def module_edit(request: HttpRequest, slug: str) -> HttpResponse:
    view = selectors.module_get(slug=slug, lang="en")
    if view.module.origin != Module.Origin.CUSTOM:
        raise Http404
    return _editor(request, services.module_export_text(view.module, view.text), view.module)


def module_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The module as a content file, to add to content/en/modules/<domain>/ by review."""
    view = selectors.module_get(slug=slug, lang="en")
    response = HttpResponse(
        services.module_export_text(view.module, view.text),
        content_type="text/markdown; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}.md"'
    return response
