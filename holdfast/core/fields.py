"""Model fields whose values are encrypted with their owner's data key.

A model with encrypted fields implements ``encryption_owner_ref()``, returning the key
reference of the person the data is about. Values are encrypted in ``pre_save`` (the only
place where the row, and so its owner, is known) and decrypted when loaded; the stored
ciphertext names its key, so reading needs no owner. Writing plaintext through
``QuerySet.update()`` or filtering on an encrypted column raises instead of leaking.
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models

from holdfast.core import crypto


class Sealed(str):
    """A ciphertext ready to be stored as-is (re-encryption during key rotation)."""

    __slots__ = ()


class ErasedValue(str):
    """Stands in for a value whose owner was erased: the key is gone for good."""

    __slots__ = ()


ERASED = ErasedValue("[erased]")


class EncryptedMixin:
    """Shared behaviour of the encrypted fields. ``context`` is the associated data."""

    name: str
    attname: str
    model: type[models.Model]

    def encryption_context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def _serialize(self, value: Any) -> str:
        raise NotImplementedError

    def _deserialize(self, text: str) -> Any:
        raise NotImplementedError

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if value is None or isinstance(value, Sealed):
            return value
        if isinstance(value, ErasedValue):
            raise crypto.KeyDestroyedError("an erased value cannot be saved again")
        owner_ref = model_instance.encryption_owner_ref()  # type: ignore[attr-defined]
        token = crypto.encrypt_text(
            str(owner_ref), self._serialize(value), context=self.encryption_context()
        )
        return Sealed(token)

    def get_prep_value(self, value: Any) -> Any:
        if value is None or isinstance(value, Sealed):
            return None if value is None else str(value)
        raise TypeError(
            f"{self.encryption_context()} is encrypted: save it through the model "
            "instance; it cannot be written with update() or used in a lookup"
        )

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return None
        try:
            text = crypto.decrypt_text(value, context=self.encryption_context())
        except crypto.KeyDestroyedError:
            return ERASED
        return self._deserialize(text)


class EncryptedTextField(EncryptedMixin, models.TextField):
    description = "Text encrypted with its owner's data key"

    def _serialize(self, value: Any) -> str:
        return str(value)

    def _deserialize(self, text: str) -> Any:
        return text

    def to_python(self, value: Any) -> Any:
        return value


class EncryptedJSONField(EncryptedMixin, models.TextField):
    """JSON encrypted as one blob. Stored in a text column: the database sees no
    structure, so nothing inside can be queried (by design)."""

    description = "JSON encrypted with its owner's data key"
    # For django-stubs: instances hold any JSON value, not a string.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def _serialize(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def _deserialize(self, text: str) -> Any:
        return json.loads(text)

    def to_python(self, value: Any) -> Any:
        return value

    def value_to_string(self, obj: models.Model) -> str:
        return self._serialize(self.value_from_object(obj))


def encrypted_fields() -> list[tuple[type[models.Model], EncryptedMixin]]:
    """Every encrypted field of every installed model (used by key rotation)."""
    from django.apps import apps

    found: list[tuple[type[models.Model], EncryptedMixin]] = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedMixin):
                found.append((model, field))
    return found
