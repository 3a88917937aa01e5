"""Programmes, their cohorts and who belongs where. Later issues add course parts,
sessions and attendance here."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Programme(models.Model):
    name = models.CharField(max_length=120, unique=True)
    city = models.CharField(max_length=80, blank=True)

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=80)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        unique_together = [("programme", "name")]
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.programme.name}: {self.name}"


class Membership(models.Model):
    """Which programme (and, for participants, which cohort) a person belongs to.
    Every staff selector is scoped through this row."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="members")
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    # ISO 3166-1 alpha-2 code of the home country (participants). Kept in clear: it drives
    # cohort planning and country feeds; docs/threat-model.md weighs this choice.
    home_country = models.CharField(max_length=2, blank=True)

    def __str__(self) -> str:
        return f"membership #{self.pk}"
