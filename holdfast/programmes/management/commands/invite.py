"""holdfast invite: create a person (the first coordinator, say) and print their code."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError, transaction

from holdfast.accounts import services
from holdfast.accounts.models import Role
from holdfast.programmes.models import Programme
from holdfast.programmes.services import membership_create


class Command(BaseCommand):
    help = (
        "Create a pseudonymous account in a programme and print its one-time invitation "
        "code (valid 7 days). Creates the programme if it does not exist."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="the pseudonym used to log in")
        parser.add_argument("--role", choices=Role.values, default=Role.COORDINATOR)
        parser.add_argument("--programme", required=True, help="programme name")
        parser.add_argument("--language", default="en")
        parser.add_argument("--country", default="", help="home country code (participants)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                programme, created = Programme.objects.get_or_create(name=options["programme"])
                user, code = services.person_create(
                    actor=None,
                    username=options["username"],
                    role=options["role"],
                    language=options["language"],
                )
                membership_create(
                    actor=None, user=user, programme=programme, home_country=options["country"]
                )
        except (ValidationError, IntegrityError) as exc:
            raise CommandError(f"Could not create {options['username']!r}: {exc}") from exc
        if created:
            self.stdout.write(f"Created the programme {programme.name!r}.")
        self.stdout.write(
            f"{user.username} ({user.get_role_display()}) can now set a passphrase at /welcome/ "
            f"with this one-time code, valid for 7 days:\n\n    {code}\n\n"
            "Hand it over in person or through a channel you trust."
        )
