"""Trainers write and adapt modules in the browser, checked by the same schema, stored
in the database, exportable as content files."""

from __future__ import annotations

import pytest

from holdfast.core.models import AuditEvent
from holdfast.curriculum.models import Module, ModuleText
from holdfast.curriculum.schema import check_single_module, load, load_vocabulary
from holdfast.curriculum.search import search
from holdfast.curriculum.services import ContentInvalidError, content_sync

from .test_schema import TODAY, module, write

pytestmark = pytest.mark.django_db


def test_trainer_writes_a_module_that_participants_then_read(synced, people, client_for):
    text = module("m-new", prerequisites="[m-one]").replace("A title", "Brand new module")
    response = client_for(people["trainer"]).post("/curriculum/new/", {"text": text})
    assert response.status_code == 302 and response.url == "/curriculum/m-new/"
    row = Module.objects.get(slug="m-new")
    assert row.origin == "custom" and row.created_by == people["trainer"]
    assert AuditEvent.objects.filter(action="module.create", object_id=str(row.pk)).exists()
    page = client_for(people["participant"]).get("/curriculum/m-new/")
    assert "Brand new module" in page.content.decode()
    assert [h.slug for h in search(query="brand new", lang="en")] == ["m-new"]


def test_invalid_module_is_refused_with_line_numbers_and_nothing_saved(synced, people, client_for):
    text = module("m-new", duration=99, prerequisites="[m-nowhere]")
    response = client_for(people["coordinator"]).post("/curriculum/new/", {"text": text})
    assert response.status_code == 200
    problems = [str(p) for p in response.context["problems"]]
    assert any("line:6:" in p and "add up to 60 minutes" in p for p in problems)
    assert any("unknown prerequisite 'm-nowhere'" in p for p in problems)
    assert response.context["form"]["text"].value() == text  # nothing lost
    assert not Module.objects.filter(slug="m-new").exists()
    clash = client_for(people["trainer"]).post("/curriculum/new/", {"text": module("m-one")})
    assert "already used" in clash.content.decode()


def test_adapt_a_copy_and_export_round_trip(synced, people, client_for, tree):
    client = client_for(people["trainer"])
    page = client.get("/curriculum/new/", {"from": "m-one"})
    text = page.context["form"]["text"].value()
    assert "id: m-one-adapted" in text
    assert client.post("/curriculum/new/", {"text": text}).status_code == 302
    exported = client.get("/curriculum/m-one/export.md")
    assert exported["Content-Disposition"] == 'attachment; filename="m-one.md"'
    write(tree, "en/modules/dom-a/m-one.md", exported.content.decode())
    reloaded = load(tree, today=TODAY)
    assert reloaded.errors == []
    assert ModuleText.objects.get(module__slug="m-one", lang="en").body == (
        reloaded.modules["en"]["m-one"].body
    )


def test_editing_rules(synced, people, client_for):
    trainer = client_for(people["trainer"])
    assert trainer.get("/curriculum/m-one/edit/").status_code == 404  # content/ modules
    trainer.post("/curriculum/new/", {"text": module("m-new")})
    assert trainer.get("/curriculum/m-new/edit/").status_code == 200
    renamed = trainer.post("/curriculum/m-new/edit/", {"text": module("m-renamed")})
    assert "the id cannot change" in renamed.content.decode()
    changed = module("m-new").replace("A summary.", "Better summary.")
    assert trainer.post("/curriculum/m-new/edit/", {"text": changed}).status_code == 302
    assert ModuleText.objects.get(module__slug="m-new").summary == "Better summary."
    participant = client_for(people["participant"])
    assert participant.post("/curriculum/new/", {"text": module("m-x")}).status_code == 403


def test_sync_leaves_custom_modules_alone_and_refuses_a_clash(synced, people, client_for, tree):
    client_for(people["trainer"]).post("/curriculum/new/", {"text": module("m-new")})
    result = content_sync(content=load(tree, today=TODAY))
    assert result.retired == 0 and Module.objects.get(slug="m-new").retired_at is None
    write(tree, "en/modules/dom-a/m-new.md", module("m-new"))
    with pytest.raises(ContentInvalidError, match="m-new"):
        content_sync(content=load(tree, today=TODAY))


def test_check_single_module_finds_cycles(tree):
    vocab = load_vocabulary(tree, [])
    _module, issues = check_single_module(
        module("m-z", prerequisites="[m-one]"), vocab=vocab, known={"m-one": ["m-z"]}
    )
    assert any("cycle" in i.message for i in issues)
