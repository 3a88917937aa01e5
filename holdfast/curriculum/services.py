"""Load the checked content into the database, idempotently."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from django.db import models, transaction
from django.utils import timezone

from holdfast.core import audit
from holdfast.curriculum.models import Module, ModuleText, Resource, SearchDocument
from holdfast.curriculum.schema import SOURCE_LANGUAGE, Content, Issue, check_single_module
from holdfast.curriculum.schema import Module as ModuleFile
from holdfast.curriculum.schema import Resource as ResourceFile
from holdfast.curriculum.selectors import vocabulary

Progress = Callable[[int], None]


class ContentInvalidError(Exception):
    """The content has errors; nothing was loaded."""


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.retired


def _hash(value: Any) -> str:
    return hashlib.sha256(
        json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode()
    ).hexdigest()


def _module_fields(m: ModuleFile) -> dict[str, Any]:
    return {
        "domain": m.domain,
        "level": m.level,
        "duration_minutes": m.duration_minutes,
        "prerequisites": m.prerequisites,
        "addresses": m.addresses,
        "activities": [dataclasses.asdict(a) for a in m.activities],
        "materials": m.materials,
        "sources": [
            {**dataclasses.asdict(s), "consulted": s.consulted.isoformat()} for s in m.sources
        ],
        "last_reviewed": m.last_reviewed,
        "review_every_months": m.review_every_months,
        "license": m.license,
    }


def _text_fields(m: ModuleFile) -> dict[str, Any]:
    return {
        "title": m.title,
        "summary": m.summary,
        "objectives": m.objectives,
        "checklist": m.checklist,
        "knowledge_check": [dataclasses.asdict(q) for q in m.knowledge_check],
        "body": m.body,
        "translation_status": m.translation_status or "",
    }


def _resource_fields(r: ResourceFile) -> dict[str, Any]:
    return {
        "lang": r.lang,
        "title": r.title,
        "url": r.url,
        "publisher": r.publisher,
        "languages": r.language,
        "topics": r.topics,
        "format": r.format,
        "last_checked": r.last_checked,
        "summary": r.summary,
    }


def _upsert(
    model: type[models.Model],
    lookup: dict[str, Any],
    fields: dict[str, Any],
    existing: Any,
    result: SyncResult,
) -> tuple[Any, bool]:
    digest = _hash(fields)
    if existing is None:
        result.created += 1
        return model._default_manager.create(**lookup, **fields, content_hash=digest), True
    revived = getattr(existing, "retired_at", None) is not None
    if existing.content_hash == digest and not revived:
        result.unchanged += 1
        return existing, False
    for name, value in fields.items():
        setattr(existing, name, value)
    existing.content_hash = digest
    if revived:
        existing.retired_at = None
    existing.save()
    result.updated += 1
    return existing, True


def _module_search_text(m: ModuleFile) -> str:
    return "\n".join([m.summary, *m.objectives, m.body, *m.checklist])


def _index(kind: str, slug: str, lang: str, title: str, text: str) -> None:
    SearchDocument.objects.update_or_create(
        kind=kind, slug=slug, lang=lang, defaults={"title": title, "text": text}
    )


@transaction.atomic
def content_sync(*, content: Content, progress: Progress | None = None) -> SyncResult:
    """Bring the database in line with the content: create, update, retire. Rows whose
    content is unchanged are not written. Refuses content with errors."""
    if content.errors:
        raise ContentInvalidError(f"{len(content.errors)} errors in the content")
    result = SyncResult()
    source = content.modules.get(SOURCE_LANGUAGE, {})
    custom = set(Module.objects.filter(origin=Module.Origin.CUSTOM).values_list("slug", flat=True))
    clashes = sorted(custom & set(source))
    if clashes:
        raise ContentInvalidError(
            f"content ids already used by modules written in the browser: {', '.join(clashes)}"
        )
    modules = {m.slug: m for m in Module.objects.filter(origin=Module.Origin.CONTENT)}
    texts = {(t.module_id, t.lang): t for t in ModuleText.objects.all()}
    indexed = set(SearchDocument.objects.values_list("kind", "slug", "lang"))
    present: set[tuple[int, str]] = set()
    for slug, module_file in sorted(source.items()):
        row, _changed = _upsert(
            Module, {"slug": slug}, _module_fields(module_file), modules.get(slug), result
        )
        for lang, lang_modules in content.modules.items():
            text_file = lang_modules.get(slug)
            if text_file is None:
                continue
            present.add((row.pk, lang))
            _text, changed = _upsert(
                ModuleText,
                {"module": row, "lang": lang},
                _text_fields(text_file),
                texts.get((row.pk, lang)),
                result,
            )
            if changed or ("module", slug, lang) not in indexed:
                _index("module", slug, lang, text_file.title, _module_search_text(text_file))
        if progress:
            progress(1)
    # A translation whose file was removed (its module still exists): the text goes.
    # Texts of retired modules stay with them: history refers to retired modules.
    content_pks = {m.pk: m.slug for m in modules.values() if m.slug in source}
    stale = [t for key, t in texts.items() if key[0] in content_pks and key not in present]
    for text in stale:
        SearchDocument.objects.filter(
            kind="module", slug=content_pks[text.module_id], lang=text.lang
        ).delete()
        text.delete()
        result.retired += 1
    now = timezone.now()
    gone = [slug for slug, m in modules.items() if m.retired_at is None and slug not in source]
    if gone:
        result.retired += Module.objects.filter(slug__in=gone).update(retired_at=now)
        SearchDocument.objects.filter(kind="module", slug__in=gone).delete()
    resources = {r.slug: r for r in Resource.objects.all()}
    all_resources = {rid: r for lang in content.resources.values() for rid, r in lang.items()}
    for rid, resource_file in sorted(all_resources.items()):
        _row, changed = _upsert(
            Resource, {"slug": rid}, _resource_fields(resource_file), resources.get(rid), result
        )
        if changed or ("resource", rid, resource_file.lang) not in indexed:
            _index(
                "resource",
                rid,
                resource_file.lang,
                resource_file.title,
                f"{resource_file.publisher}\n{resource_file.summary}",
            )
        if progress:
            progress(1)
    gone = [
        slug for slug, r in resources.items() if r.retired_at is None and slug not in all_resources
    ]
    if gone:
        result.retired += Resource.objects.filter(slug__in=gone).update(retired_at=now)
        SearchDocument.objects.filter(kind="resource", slug__in=gone).delete()
    if result.changed:
        audit.record(
            actor=None,
            action="content.sync",
            object_type="curriculum",
            object_id=str(result.changed),
        )
    return result


class ModuleTextInvalidError(Exception):
    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} problems")
        self.issues = issues


@transaction.atomic
def custom_module_save(*, actor: Any, text: str, existing: Module | None = None) -> Module:
    """Create or update a module written in the browser, checked by the content schema.
    Raises ModuleTextInvalidError with the problems (line numbers of ``text``)."""
    others = Module.objects.filter(retired_at=None)
    if existing is not None:
        if existing.origin != Module.Origin.CUSTOM:
            raise PermissionError("modules from content/ are changed in the repository")
        others = others.exclude(pk=existing.pk)
    known = dict(others.values_list("slug", "prerequisites"))
    parsed, issues = check_single_module(text, vocab=vocabulary(), known=known, label="line")
    errors = [i for i in issues if i.level == "error"]
    if parsed is not None and existing is not None and parsed.id != existing.slug:
        errors.append(Issue("line", 2, f"the id cannot change (it is '{existing.slug}')"))
    if errors or parsed is None:
        raise ModuleTextInvalidError(errors)
    fields = _module_fields(parsed)
    row = existing or Module(slug=parsed.id, origin=Module.Origin.CUSTOM, created_by=actor)
    for name, value in fields.items():
        setattr(row, name, value)
    row.content_hash = _hash(fields)
    row.save()
    text_fields = _text_fields(parsed)
    ModuleText.objects.update_or_create(
        module=row,
        lang=SOURCE_LANGUAGE,
        defaults={**text_fields, "content_hash": _hash(text_fields)},
    )
    _index("module", row.slug, SOURCE_LANGUAGE, parsed.title, _module_search_text(parsed))
    audit.record(actor=actor, action="module.update" if existing else "module.create", obj=row)
    return row


def module_export_text(module: Module, text: ModuleText) -> str:
    """A module as a content file (front matter + body), ready for content/en/modules/."""
    front = {
        "id": module.slug,
        "title": text.title,
        "domain": module.domain,
        "level": module.level,
        "duration_minutes": module.duration_minutes,
        "summary": text.summary,
        "objectives": text.objectives,
        "prerequisites": module.prerequisites,
        "addresses": module.addresses,
        "activities": module.activities,
        "materials": module.materials,
        "checklist": text.checklist,
        "knowledge_check": text.knowledge_check,
        "sources": [
            {**s, "consulted": dt.date.fromisoformat(s["consulted"])} for s in module.sources
        ],
        "last_reviewed": module.last_reviewed,
        "review_every_months": module.review_every_months,
        "license": module.license,
    }
    dumped = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=88)
    return f"---\n{dumped}---\n{text.body}"
