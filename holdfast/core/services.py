"""Key rotation over the rows of the database. All cipher work stays in crypto.py."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.db import models, transaction
from django.db.models.functions import Cast

from holdfast.accounts.signals import MFA_CONTEXT
from holdfast.core import audit, crypto
from holdfast.core.fields import EncryptedMixin, Sealed, encrypted_fields

Progress = Callable[[int], None]

BATCH = 200


def _reencrypt_model_field(
    model: type[models.Model],
    field: EncryptedMixin,
    store: crypto.Keystore,
    progress: Progress | None,
) -> int:
    """Re-encrypt one column, batch by batch. Rows already under their owner's current
    key are skipped, which is what makes an interrupted rotation resumable."""
    name = field.attname
    context = field.encryption_context().encode()
    changed = 0
    last_pk = 0
    while True:
        # Cast to plain text: read the stored ciphertext without decrypting it.
        rows = list(
            model._default_manager.filter(pk__gt=last_pk)
            .exclude(**{f"{name}__isnull": True})
            .order_by("pk")
            .annotate(raw=Cast(name, output_field=models.TextField()))
            .values_list("pk", "raw")[:BATCH]
        )
        if not rows:
            return changed
        with transaction.atomic():
            for pk, token in rows:
                if store.is_current(token):
                    continue
                new = store.reencrypt(token, context)
                model._default_manager.filter(pk=pk).update(**{name: Sealed(new)})
                changed += 1
        if progress:
            progress(len(rows))
        last_pk = rows[-1][0]


def _reencrypt_authenticators(store: crypto.Keystore, progress: Progress | None) -> int:
    """allauth keeps TOTP secrets and recovery seeds in a JSON column, encrypted by our
    MFA adapter; rotate those too."""
    changed = 0
    for auth in Authenticator.objects.all().order_by("pk"):
        data = dict(auth.data)
        dirty = False
        for key in ("secret", "seed"):
            token = data.get(key)
            if (
                isinstance(token, str)
                and token.startswith(crypto.TOKEN_PREFIX)
                and not store.is_current(token)
            ):
                data[key] = store.reencrypt(token, MFA_CONTEXT.encode())
                dirty = True
        if dirty:
            Authenticator.objects.filter(pk=auth.pk).update(data=data)
            changed += 1
        if progress:
            progress(1)
    return changed


def rows_to_rotate() -> int:
    total = Authenticator.objects.count()
    for model, field in encrypted_fields():
        total += model._default_manager.exclude(**{f"{field.attname}__isnull": True}).count()
    return total


def keys_rotate(
    *,
    progress: Progress | None = None,
    owners_progress: Progress | None = None,
    stop_after_owners: int | None = None,
) -> dict[str, int]:
    """Rotate the master key and every data key, re-encrypting every stored value.
    Safe to interrupt and run again: it continues where it stopped."""
    store = crypto.keystore()
    store.rotation_begin()
    owners = store.owners()
    for index, owner in enumerate(owners):
        if stop_after_owners is not None and index >= stop_after_owners:
            raise InterruptedError("stopped on request (used by tests of resumption)")
        store.rotation_rekey_owner(owner)
        if owners_progress:
            owners_progress(1)
    changed = 0
    for model, field in encrypted_fields():
        changed += _reencrypt_model_field(model, field, store, progress)
    changed += _reencrypt_authenticators(store, progress)
    new_master = store.rotation_finish()
    audit.record(actor=None, action="keys.rotate", object_type="keyring", object_id=new_master)
    return {"owners": len(owners), "values": changed}
