"""holdfast lockdown: destroy the local master key after a typed confirmation."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from holdfast.core import crypto

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
        if store.is_locked():
            self.stdout.write("Already locked down: no master key is present.")
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
        self.stdout.write(
            self.style.SUCCESS(
                "Locked down. The master key is destroyed; the app now shows a lockdown page."
            )
        )
