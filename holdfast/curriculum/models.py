"""The curriculum in the database, loaded from `content/` by `holdfast content sync`.
Modules are retired, never deleted, when their file goes away: history refers to them."""

from __future__ import annotations

from django.db import models


class Module(models.Model):
    """Language-independent facts of a module, and the trainer notes (English)."""

    class Origin(models.TextChoices):
        CONTENT = "content", "content/ files"
        CUSTOM = "custom", "written in the browser"

    slug = models.SlugField(max_length=80, unique=True)  # the content id
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.CONTENT)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    domain = models.CharField(max_length=40, db_index=True)
    level = models.CharField(max_length=16, db_index=True)
    duration_minutes = models.PositiveIntegerField()
    prerequisites = models.JSONField(default=list)
    addresses = models.JSONField(default=list)
    activities = models.JSONField(default=list)
    materials = models.JSONField(default=list)
    sources = models.JSONField(default=list)
    last_reviewed = models.DateField()
    review_every_months = models.PositiveIntegerField()
    license = models.CharField(max_length=40)
    content_hash = models.CharField(max_length=64)
    retired_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["domain", "level", "slug"]

    def __str__(self) -> str:
        return self.slug


class ModuleText(models.Model):
    """The participant-facing text of a module in one language."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="texts")
    lang = models.CharField(max_length=8)
    title = models.CharField(max_length=200)
    summary = models.TextField()
    objectives = models.JSONField(default=list)
    checklist = models.JSONField(default=list)
    knowledge_check = models.JSONField(default=list)
    body = models.TextField()
    translation_status = models.CharField(max_length=16, blank=True)  # empty: the source
    content_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["module", "lang"], name="one_text_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.module.slug} ({self.lang})"


class Resource(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    lang = models.CharField(max_length=8)  # the catalogue language it was written in
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    publisher = models.CharField(max_length=200)
    languages = models.JSONField(default=list)
    topics = models.JSONField(default=list)
    format = models.CharField(max_length=20, db_index=True)
    last_checked = models.DateField()
    summary = models.TextField()
    content_hash = models.CharField(max_length=64)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.slug


class SearchDocument(models.Model):
    """What search reads: one row per module text and per resource. On SQLite an FTS5
    index mirrors this table (migration 0002); PostgreSQL searches it with its own
    text search, in the document's language."""

    kind = models.CharField(max_length=10)  # "module" or "resource"
    slug = models.SlugField(max_length=80)
    lang = models.CharField(max_length=8)
    title = models.CharField(max_length=200)
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug", "lang"], name="one_document")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.slug} ({self.lang})"
