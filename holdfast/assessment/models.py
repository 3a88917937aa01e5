"""A participant's assessment answers, encrypted with their own data key."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from holdfast.core.fields import EncryptedJSONField


class Assessment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments"
    )
    answers = EncryptedJSONField()  # {question id: value}, validated against the questionnaire
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:  # ids only: the answers are encrypted
        return f"assessment #{self.pk}"

    def encryption_owner_ref(self) -> str:
        return self.user.key_ref


class Sharing(models.Model):
    """What a participant lets trainers see. Default: profile and path only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_sharing"
    )
    share_answers = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"sharing #{self.pk}"


class Progress(models.Model):
    """How far a participant got through modules: done, and checklist items ticked.
    Encrypted with their key: what someone is learning hints at what they fear."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="path_progress"
    )
    # {module slug: {"done": bool, "ticked": [checklist item numbers, from 0]}}
    state = EncryptedJSONField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"progress #{self.pk}"

    def encryption_owner_ref(self) -> str:
        return self.user.key_ref
