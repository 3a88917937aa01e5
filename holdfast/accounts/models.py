"""People, their roles, one-time access codes and the participant's encrypted details."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from holdfast.core.fields import EncryptedJSONField, EncryptedTextField


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    TRAINER = "trainer", _("Trainer")
    PROTECTION = "protection", _("Protection officer")
    PARTICIPANT = "participant", _("Participant")


STAFF_ROLES = {Role.COORDINATOR, Role.TRAINER, Role.PROTECTION}


def _new_key_ref() -> str:
    return uuid.uuid4().hex


class User(AbstractUser):
    """A person. The username is their pseudonym; no email, no real name here."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PARTICIPANT)
    language = models.CharField(max_length=8, default="en")
    # The name of this person's data key in the keyring (not a secret).
    key_ref = models.CharField(max_length=32, unique=True, default=_new_key_ref, editable=False)
    erased_at = models.DateTimeField(null=True, blank=True)

    REQUIRED_FIELDS: ClassVar[list[str]] = []

    @property
    def is_staff_role(self) -> bool:
        return self.role in STAFF_ROLES or self.is_superuser

    def encryption_owner_ref(self) -> str:
        return self.key_ref


class AccessCode(models.Model):
    """A one-time code handed over out of band: an invitation or a passphrase reset.
    Only a hash is stored; the code is shown once to the staff member who made it."""

    class Kind(models.TextChoices):
        INVITE = "invite", _("Invitation")
        RESET = "reset", _("Passphrase reset")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="access_codes")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:  # never the code: only a hash is stored
        return f"{self.kind} code #{self.pk}"


class Profile(models.Model):
    """Details a participant may give for the certificate and for emergencies.
    Encrypted with the participant's own data key."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    legal_name = EncryptedTextField(blank=True, null=True)
    emergency_contact = EncryptedJSONField(blank=True, null=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:  # ids only: the content is encrypted
        return f"profile #{self.pk}"

    def encryption_owner_ref(self) -> str:
        return self.user.key_ref
