"""holdfast lockdown: destroy the local master key after a typed confirmation."""

from __future__ import annotations

import contextlib
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from holdfast.core import audit, crypto

CONFIRMATION = "LOCK DOWN"


class Command(BaseCommand):
    help = (
        "Destroy the local master key. Every encrypted record becomes unreadable on this "
        "server until the key is restored from an escrow copy (holdfast keys restore)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--confirm", help=f"pass '{CONFIRMATION}' to skip the prompt (automation)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        store = crypto.keystore()
        if not store.key_dir.is_dir():
            raise CommandError(
                f"There is no key directory at {store.key_dir}. Run this command with the "
                "server's environment (DJANGO_SETTINGS_MODULE, HOLDFAST_KEY_DIR)."
            )
        if store.is_locked():
            self.stdout.write(f"No master key in {store.key_dir}: already locked down.")
            return
        typed = options.get("confirm")
        if typed is None:
            if not sys.stdin.isatty():
                raise CommandError(f"Type the confirmation: --confirm '{CONFIRMATION}'.")
            self.stdout.write(
                "This destroys the master key on this server. Only an escrow copy can undo it."
            )
            typed = input(f"Type {CONFIRMATION} to continue: ")
        if typed.strip() != CONFIRMATION:
            raise CommandError("Confirmation did not match. Nothing was destroyed.")
        store.lockdown()
        with contextlib.suppress(Exception):  # the database may be gone already; lock anyway
            audit.record(actor=None, action="keys.lockdown", object_type="keyring")
        self.stdout.write(
            self.style.SUCCESS(
                f"Locked down. The master key in {store.key_dir} is destroyed; "
                "the app now shows a lockdown page."
            )
        )
