from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from holdfast.programmes.demo import DEMO_PASSPHRASE, PARTICIPANTS, STAFF, load_demo


class Command(BaseCommand):
    help = "Load the demo programme (fictional people). Running it again keeps existing data."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo()
        self.stdout.write(f"Demo data: {result.created} people created, {result.kept} kept.")
        self.stdout.write(f"Demo logins (all with the passphrase '{DEMO_PASSPHRASE}'):")
        for name, role in STAFF:
            self.stdout.write(f"  {name:<14} {role.label}  (sets up TOTP at first login)")
        self.stdout.write(
            f"  {PARTICIPANTS[0][0]:<14} Participant (and {len(PARTICIPANTS) - 1} more)"
        )
