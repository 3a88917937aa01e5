"""Catalogue, module pages and the library, on a small content tree."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from holdfast.curriculum.schema import load
from holdfast.curriculum.services import content_sync

from .test_schema import BODY, TODAY, module, write

pytestmark = pytest.mark.django_db


def test_catalogue_lists_and_filters(synced, people, client_for):
    client = client_for(people["participant"])
    page = client.get("/curriculum/")
    assert page.status_code == 200
    assert [m.module.slug for m in page.context["modules"]] == ["m-one", "m-two"]
    page = client.get("/curriculum/", {"domain": "dom-b"})
    assert [m.module.slug for m in page.context["modules"]] == ["m-two"]
    page = client.get("/curriculum/", {"lang": "es", "translated_only": "on"})
    assert [m.text.title for m in page.context["modules"]] == ["Un título"]
    assert Client().get("/curriculum/").status_code == 302  # login required


def test_module_page_in_reader_language_with_fallback_notice(synced, people, client_for):
    client = client_for(people["participant"])
    page = client.get("/curriculum/m-one/")
    body = page.content.decode()
    assert "A title" in body and 'href="/curriculum/m-two/"' in body  # module: link rewritten
    assert "Because." not in body  # no answers in the participant view
    client.post("/language/", {"language": "es", "next": "/"})
    page = client.get("/curriculum/m-one/")
    assert "Un título" in page.content.decode()
    assert page.context["view"].machine_or_draft and not page.context["view"].fallback
    assert 'class="msg warning"' in page.content.decode()  # the "not reviewed" notice
    page = client.get("/curriculum/m-two/")
    assert page.context["view"].fallback
    assert '<article lang="en">' in page.content.decode()  # English text, marked as such


def test_trainer_view_shows_adids_and_answers(synced, people, client_for):
    page = client_for(people["trainer"]).get("/curriculum/m-one/trainer/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Do step 3." in body and "Because." in body and "(correct)" in body
    assert client_for(people["participant"]).get("/curriculum/m-one/trainer/").status_code == 403


def test_markdown_is_sanitised(synced, people, client_for, tree):
    evil = (
        "## Why this matters\n\n<script>alert(1)</script> [x](javascript:alert(1)) "
        + "word " * 320
        + "\n"
    )
    write(tree, "en/modules/dom-a/m-one.md", module(body=evil))
    content_sync(content=load(tree, today=TODAY))
    body = client_for(people["participant"]).get("/curriculum/m-one/").content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body  # escaped text
    assert 'href="javascript:' not in body


def test_library_is_public_and_searchable(synced, settings):
    page = Client().get("/library/", {"q": "guide"})
    assert page.status_code == 200 and [r.slug for r in page.context["items"]] == ["r-one"]
    assert Client().get("/library/", {"q": "nothing-like-this"}).context["items"] == []
    assert Client().get("/library/", {"topic": "n-one"}).context["items"][0].slug == "r-one"
    settings.HOLDFAST_PUBLIC_LIBRARY = False
    assert Client().get("/library/").status_code == 302


def test_query_counts_constant_as_modules_grow(synced, people, client_for, tree):
    client = client_for(people["trainer"])

    def count(path: str) -> int:
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    small = (count("/curriculum/"), count("/curriculum/m-one/"))
    for i in range(12):
        write(
            tree, f"en/modules/dom-a/m-x{i}.md", module(f"m-x{i}", prerequisites="[m-one, m-two]")
        )
    content_sync(content=load(tree, today=TODAY))
    assert (count("/curriculum/"), count("/curriculum/m-one/")) == small


def test_search_ranks_in_reader_language_with_english_fallback(synced, people, client_for):
    from holdfast.curriculum.search import search

    assert [h.slug for h in search(query="título", lang="es")] == ["m-one"]
    hits = search(query="advice reader", lang="es")  # English words: English fallback
    assert {h.slug for h in hits} == {"m-two"}  # m-one has a Spanish text, so not in English
    assert {h.slug for h in search(query="advice", lang="en")} == {"m-one", "m-two"}
    assert [h.kind for h in search(query="someone guide", lang="en")] == ["resource"]
    assert search(query='"; DROP TABLE x; --', lang="en") == []
    page = client_for(people["participant"]).get("/curriculum/search/", {"q": "advice"})
    assert page.status_code == 200 and len(page.context["hits"]) == 2


def test_health_lists_due_reviews_and_missing_translations(synced, people, client_for, tree):
    write(
        tree,
        "en/modules/dom-b/m-two.md",
        module(
            "m-two", "dom-b", "[m-one]", body=BODY.replace("module:m-two", "module:m-one")
        ).replace("last_reviewed: 2026-11-26", "last_reviewed: 2024-03-01"),
    )
    content_sync(content=load(tree, today=TODAY))
    page = client_for(people["trainer"]).get("/curriculum/health/")
    report = page.context["report"]
    assert [m.slug for m, _when in report.due] == ["m-two"]
    assert report.missing["es"] == ["m-two"] and report.drafts["es"] == 1
    assert client_for(people["participant"]).get("/curriculum/health/").status_code == 403


def test_printable_sheet_is_a_pdf_without_network(synced, people, client_for):
    response = client_for(people["participant"]).get("/curriculum/m-one/sheet.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 2000
    assert response["Cache-Control"] == "no-store"
    from holdfast.curriculum.pdf import BlockedFetchError, _no_fetch

    with pytest.raises(BlockedFetchError):
        _no_fetch("https://example.org/font.woff")


def test_catalogue_pages_keep_the_filters(people, client_for):
    from holdfast.curriculum import check
    from holdfast.curriculum.schema import load as load_content
    from holdfast.curriculum.services import content_sync
    from holdfast.curriculum.views import CATALOGUE_PAGE_SIZE

    content_sync(content=load_content(check.DEFAULT_ROOT))
    total = len(load_content(check.DEFAULT_ROOT).modules["en"])
    assert total > 2 * CATALOGUE_PAGE_SIZE  # the shipped curriculum spans three pages
    client = client_for(people["participant"])
    first = client.get("/curriculum/")
    assert len(first.context["modules"]) == CATALOGUE_PAGE_SIZE
    assert f"{total} modules" in first.content.decode()
    last = client.get("/curriculum/", {"page": "3"})
    assert len(last.context["modules"]) == total - 2 * CATALOGUE_PAGE_SIZE
    seen = {
        m.module.slug
        for n in (1, 2, 3)
        for m in client.get("/curriculum/", {"page": n}).context["modules"]
    }
    assert len(seen) == total  # every module on exactly one page
    # A bad or too large page number is not an error.
    assert client.get("/curriculum/", {"page": "x"}).context["page"].number == 1
    assert client.get("/curriculum/", {"page": "99"}).context["page"].number == 3
    # Links to other pages keep the filters.
    page = client.get("/curriculum/", {"level": "foundation", "lang": "es"})
    if page.context["page"].paginator.num_pages > 1:
        assert "level=foundation&amp;lang=es&amp;page=2" in page.content.decode()
    single = client.get("/curriculum/", {"domain": "wellbeing"})
    assert 'class="pages"' not in single.content.decode()
