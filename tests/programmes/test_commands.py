"""Operator commands: demo data, invite, key status."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from holdfast.accounts.models import User
from holdfast.programmes.models import Membership

from ..conftest import PASSPHRASE

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(capsys):
    call_command("demo")
    assert "15 people created" in capsys.readouterr().out
    call_command("demo")
    assert "0 people created, 15 kept" in capsys.readouterr().out
    participants = Membership.objects.filter(user__role="participant")
    assert participants.count() == 11
    assert {m.home_country for m in participants} == {
        "BR",
        "CO",
        "CD",
        "GE",
        "IN",
        "KE",
        "KG",
        "NP",
        "ZW",
    }
    assert all(m.cohort and m.cohort.name == "Autumn 2026" for m in participants)
    assert User.objects.filter(role="trainer").count() == 2


def test_invite_command_creates_first_coordinator(capsys):
    call_command("invite", "first.coord", "--programme", "Shelter City Test")
    out = capsys.readouterr().out
    code = re.search(r"([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})", out).group(1)
    user = User.objects.get(username="first.coord")
    assert user.role == "coordinator" and user.membership.programme.name == "Shelter City Test"
    response = Client().post(
        "/welcome/",
        {"code": code, "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE, "language": "en"},
    )
    assert response.status_code == 302
    with pytest.raises(CommandError, match="Could not create"):
        call_command("invite", "first.coord", "--programme", "Shelter City Test")


def test_keys_status_reports_lockdown(capsys):
    call_command("keys", "status")
    assert "Master key id" in capsys.readouterr().out
    call_command("lockdown", "--confirm", "LOCK DOWN")
    call_command("keys", "status")
    assert "LOCKED" in capsys.readouterr().out
