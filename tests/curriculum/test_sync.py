"""`holdfast content sync`: idempotent, retires instead of deleting, refuses bad content."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from holdfast.curriculum import check
from holdfast.curriculum.models import Module, ModuleText, Resource
from holdfast.curriculum.schema import load
from holdfast.curriculum.services import ContentInvalidError, content_sync

from .test_schema import BODY, TODAY, module, translation, write

pytestmark = pytest.mark.django_db


def writes(ctx) -> list[str]:
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_sync_loads_then_touches_no_rows(tree):
    first = content_sync(content=load(tree, today=TODAY))
    assert first.created == 2 + 3 + 1  # modules, texts (en, en, es), resources
    assert Module.objects.count() == 2 and Resource.objects.count() == 1
    assert ModuleText.objects.get(module__slug="m-one", lang="es").title == "Un título"
    with CaptureQueriesContext(connection) as ctx:
        second = content_sync(content=load(tree, today=TODAY))
    assert second.changed == 0 and second.unchanged == 6
    assert writes(ctx) == []


def test_changed_file_updates_one_row_and_removed_module_is_retired(tree):
    content_sync(content=load(tree, today=TODAY))
    write(tree, "en/modules/dom-a/m-one.md", module().replace("A summary.", "New summary."))
    result = content_sync(content=load(tree, today=TODAY))
    assert result.updated == 1 and result.created == 0
    (tree / "en/modules/dom-b/m-two.md").unlink()
    write(tree, "en/modules/dom-a/m-one.md", module(body=BODY.replace("m-two", "m-one")))
    write(tree, "es/modules/dom-a/m-one.md", translation().replace("m-two", "m-one"))
    result = content_sync(content=load(tree, today=TODAY))
    assert result.retired == 1
    assert Module.objects.get(slug="m-two").retired_at is not None  # kept, not deleted


def test_sync_refuses_content_with_errors_and_writes_nothing(tree):
    write(tree, "en/modules/dom-a/m-one.md", module(duration=99))
    with pytest.raises(ContentInvalidError):
        content_sync(content=load(tree, today=TODAY))
    assert Module.objects.count() == 0
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("content", "sync", "--root", str(tree))


def test_commands_on_the_shipped_content(capsys):
    call_command("content", "check")
    call_command("content", "sync")
    out = capsys.readouterr()
    assert "Content synced" in out.out
    shipped = load(check.DEFAULT_ROOT)
    assert Module.objects.filter(retired_at=None).count() == len(shipped.modules["en"])
    call_command("content", "sync")
    assert "0 created, 0 updated" in capsys.readouterr().out


def test_search_finds_shipped_modules_in_every_language():
    """For each of the five languages: a word from a translated title finds that module."""
    import re

    from holdfast.curriculum.search import search

    shipped = load(check.DEFAULT_ROOT)
    content_sync(content=shipped)
    for lang in ("en", "es", "fr", "pt", "ru"):
        translated = [
            m for m in shipped.modules[lang].values() if lang == "en" or m.translation_status
        ]
        assert translated, f"no module is translated into {lang}"
        module = sorted(translated, key=lambda m: m.id)[0]
        word = max(re.findall(r"\w+", module.title), key=len)
        hits = [h.slug for h in search(query=word, lang=lang)]
        assert module.id in hits, (lang, word, hits[:5])


def test_removed_translation_is_dropped_but_retired_modules_keep_their_texts(tree):
    from holdfast.curriculum.models import SearchDocument

    content_sync(content=load(tree, today=TODAY))
    (tree / "es/modules/dom-a/m-one.md").unlink()
    result = content_sync(content=load(tree, today=TODAY))
    assert result.retired == 1
    assert not ModuleText.objects.filter(module__slug="m-one", lang="es").exists()
    assert not SearchDocument.objects.filter(slug="m-one", lang="es").exists()
    (tree / "en/modules/dom-b/m-two.md").unlink()
    write(tree, "en/modules/dom-a/m-one.md", module(body=BODY.replace("m-two", "m-one")))
    content_sync(content=load(tree, today=TODAY))
    assert ModuleText.objects.filter(module__slug="m-two", lang="en").exists()  # kept
