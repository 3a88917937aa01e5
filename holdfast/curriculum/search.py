"""Ranked full-text search over modules and resources, in the reader's language (with
English for modules not yet translated): SQLite FTS5 on SQLite, PostgreSQL's text search
on PostgreSQL."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection

from holdfast.curriculum.models import SearchDocument

PG_CONFIGS = {"en": "english", "es": "spanish", "fr": "french", "pt": "portuguese", "ru": "russian"}
MAX_TERMS = 8
LIMIT = 40


@dataclass(frozen=True)
class Hit:
    kind: str
    slug: str
    lang: str
    title: str
    rank: float


def terms_of(query: str) -> list[str]:
    return re.findall(r"\w+", query.casefold())[:MAX_TERMS]


def _sqlite(terms: list[str], langs: list[str]) -> list[Hit]:
    # Each term quoted (no FTS syntax from users) and matched as a prefix: a cheap stand-in
    # for stemming that works in every language, Russian included.
    match = " ".join('"' + t.replace('"', '""') + '"*' for t in terms)
    sql = (
        "SELECT d.kind, d.slug, d.lang, d.title, bm25(curriculum_searchfts, 5.0, 1.0) "
        "FROM curriculum_searchfts JOIN curriculum_searchdocument d "
        "ON d.id = curriculum_searchfts.rowid "
        "WHERE curriculum_searchfts MATCH %s AND d.lang IN (%s, %s) "
        "ORDER BY bm25(curriculum_searchfts, 5.0, 1.0) LIMIT %s"
    )
    first, second = langs[0], langs[-1]  # the reader's language and English (or twice)
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, first, second, LIMIT * 2])
        return [Hit(k, s, lang, t, -float(r)) for k, s, lang, t, r in cursor.fetchall()]


def _postgres(query: str, langs: list[str]) -> list[Hit]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    hits: list[Hit] = []
    for lang in langs:
        config = PG_CONFIGS.get(lang, "simple")
        vector = SearchVector("title", weight="A", config=config) + SearchVector(
            "text", weight="B", config=config
        )
        search = SearchQuery(query, config=config, search_type="websearch")
        rows = (
            SearchDocument.objects.filter(lang=lang)
            .annotate(document=vector, rank=SearchRank(vector, search))
            .filter(document=search)
            .order_by("-rank")
            .values_list("kind", "slug", "lang", "title", "rank")[:LIMIT]
        )
        hits += [Hit(k, s, lg, t, float(r)) for k, s, lg, t, r in rows]
    return hits


def search(*, query: str, lang: str) -> list[Hit]:
    """Best first; a module appears once, in the reader's language when it exists."""
    terms = terms_of(query)
    if not terms:
        return []
    langs = [lang] if lang == "en" else [lang, "en"]
    if connection.vendor == "postgresql":
        hits = _postgres(" ".join(terms), langs)
    else:
        hits = _sqlite(terms, langs)
    if lang != "en":
        # English stands in only for modules that have no text in the reader's language.
        translated = set(
            SearchDocument.objects.filter(kind="module", lang=lang).values_list("slug", flat=True)
        )
        hits = [
            h for h in hits if not (h.kind == "module" and h.lang != lang and h.slug in translated)
        ]
    best: dict[tuple[str, str], Hit] = {}
    for hit in hits:
        key = (hit.kind, hit.slug)
        current = best.get(key)
        if current is None or (hit.lang == lang and current.lang != lang):
            best[key] = hit
    return sorted(best.values(), key=lambda h: (h.lang != lang, -h.rank))[:LIMIT]
