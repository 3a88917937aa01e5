"""Reads of the curriculum, in the reader's language with English as the fallback."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from holdfast.curriculum.models import Module, ModuleText, Resource
from holdfast.curriculum.schema import Issue, Vocabulary, load_vocabulary, review_due

SOURCE = "en"


@dataclass
class ModuleView:
    module: Module
    text: ModuleText
    lang: str  # the language asked for
    fallback: bool  # True when the text is the English source instead

    @property
    def machine_or_draft(self) -> bool:
        return self.text.translation_status in ("machine", "draft")


def _with_texts(qs: QuerySet[Module], lang: str, *, light: bool = False) -> QuerySet[Module]:
    """Modules with their text in the reader's language and English. ``light`` loads only
    what a list shows (no bodies, no trainer notes, no JSON to decode)."""
    texts = ModuleText.objects.filter(lang__in={lang, SOURCE})
    if light:
        qs = qs.only("id", "slug", "domain", "level", "duration_minutes", "addresses")
        texts = texts.only("id", "module_id", "lang", "title", "summary", "translation_status")
    return qs.prefetch_related(Prefetch("texts", queryset=texts, to_attr="texts_for_reader"))


def _view(module: Module, lang: str) -> ModuleView:
    texts = {t.lang: t for t in getattr(module, "texts_for_reader", [])}
    text = texts.get(lang) or texts[SOURCE]
    return ModuleView(module, text, lang, fallback=text.lang != lang)


def catalogue(
    *, lang: str, domain: str = "", level: str = "", tag: str = "", translated_only: bool = False
) -> list[ModuleView]:
    """Active modules, filtered; two queries whatever the number of modules."""
    qs = Module.objects.filter(retired_at=None)
    if domain:
        qs = qs.filter(domain=domain)
    if level:
        qs = qs.filter(level=level)
    views = [_view(m, lang) for m in _with_texts(qs, lang, light=True)]
    if tag:
        views = [v for v in views if tag in v.module.addresses]
    if translated_only:
        views = [v for v in views if not v.fallback]
    return views


@dataclass(frozen=True)
class PlanRow:
    """What the recommender and the path page need of one active module."""

    slug: str
    domain: str
    level: str
    duration_minutes: int
    prerequisites: tuple[str, ...]
    addresses: tuple[str, ...]
    title: str  # in the reader's language, English when not translated
    checklist_items: int


def for_recommender(*, lang: str) -> list[PlanRow]:
    """Every active module as plain rows: two queries, no model instances (this runs on
    every path page and once per participant on the cohort page)."""
    texts: dict[tuple[int, str], tuple[str, int]] = {}
    for module_id, text_lang, title, checklist in ModuleText.objects.filter(
        lang__in={lang, SOURCE}, module__retired_at=None
    ).values_list("module_id", "lang", "title", "checklist"):
        texts[(module_id, text_lang)] = (title, len(checklist))
    rows = []
    for pk, slug, domain, level, minutes, prerequisites, addresses in (
        Module.objects.filter(retired_at=None)
        .order_by("domain", "level", "slug")
        .values_list(
            "pk", "slug", "domain", "level", "duration_minutes", "prerequisites", "addresses"
        )
    ):
        title, items = texts.get((pk, lang)) or texts[(pk, SOURCE)]
        rows.append(
            PlanRow(
                slug, domain, level, minutes, tuple(prerequisites), tuple(addresses), title, items
            )
        )
    return rows


def module_get(*, slug: str, lang: str) -> ModuleView:
    module = _with_texts(Module.objects.filter(retired_at=None, slug=slug), lang).first()
    if module is None:
        raise Http404
    return _view(module, lang)


def modules_titles(*, slugs: list[str], lang: str) -> list[ModuleView]:
    qs = _with_texts(Module.objects.filter(retired_at=None, slug__in=slugs), lang, light=True)
    by_slug = {m.slug: _view(m, lang) for m in qs}
    return [by_slug[s] for s in slugs if s in by_slug]


def resources(*, topic: str = "", query: str = "", fmt: str = "") -> list[Resource]:
    """The library, filtered by topic, format and words in title, publisher or summary.
    (Ranked full-text search across modules and resources is in search.py.)"""
    qs = Resource.objects.filter(retired_at=None).order_by("title")
    if fmt:
        qs = qs.filter(format=fmt)
    items = list(qs)
    if topic:
        items = [r for r in items if topic in r.topics]
    words = [w.casefold() for w in query.split() if w.strip()]
    if words:
        items = [
            r
            for r in items
            if all(w in f"{r.title} {r.publisher} {r.summary}".casefold() for w in words)
        ]
    return items


def resource_urls(slugs: list[str]) -> dict[str, str]:
    return dict(Resource.objects.filter(slug__in=slugs).values_list("slug", "url"))


@functools.cache
def _vocabulary(path: str) -> Vocabulary:
    issues: list[Issue] = []
    return load_vocabulary(Path(path), issues)


def vocabulary() -> Vocabulary:
    """Domain and tag names in every language (read once per process)."""
    return _vocabulary(str(settings.HOLDFAST_CONTENT_DIR))


def name_of(tag: str, lang: str) -> str:
    vocab = vocabulary()
    names = vocab.domains.get(tag) or vocab.tags.get(tag) or {}
    return names.get(lang) or names.get(SOURCE) or tag


@dataclass
class Health:
    due: list[tuple[Module, dt.date]]  # (module, review due date), oldest first
    missing: dict[str, list[str]]  # language -> module slugs without a text in it
    drafts: dict[str, int]  # language -> texts not yet reviewed by a fluent reader
    total: int


def curriculum_health(*, today: dt.date, languages: list[str]) -> Health:
    """Two queries: modules with their texts' languages and statuses."""
    modules = list(Module.objects.filter(retired_at=None))
    texts = ModuleText.objects.filter(module__retired_at=None).values_list(
        "module__slug", "lang", "translation_status"
    )
    have: dict[str, set[str]] = {}
    drafts = dict.fromkeys(languages, 0)
    for slug, lang, status in texts:
        have.setdefault(lang, set()).add(slug)
        if status in ("machine", "draft") and lang in drafts:
            drafts[lang] += 1
    due = [(m, review_due(m.last_reviewed, m.review_every_months)) for m in modules]
    due = sorted((pair for pair in due if pair[1] <= today), key=lambda pair: pair[1])
    missing = {
        lang: sorted(m.slug for m in modules if m.slug not in have.get(lang, set()))
        for lang in languages
        if lang != SOURCE
    }
    return Health(due=due, missing=missing, drafts=drafts, total=len(modules))
