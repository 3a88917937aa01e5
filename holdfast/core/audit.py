"""Write audit events. Services call this inside the transaction of the change they audit,
so the change and its record commit or fail together."""

from __future__ import annotations

from typing import Any

from django.db import models

from holdfast.core.models import AuditEvent


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
) -> AuditEvent:
    """Append one event: who (id), what, on which object (type and id). Nothing else."""
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = obj.pk
    return AuditEvent.objects.create(
        actor_id=getattr(actor, "pk", None),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
    )


def record_many(*, actor: Any, action: str, objs: list[models.Model]) -> None:
    """One event per object, written in a single insert (a page that reads many rows
    costs one query for its audit trail, not one per row)."""
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor_id=getattr(actor, "pk", None),
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
            )
            for obj in objs
        ]
    )
