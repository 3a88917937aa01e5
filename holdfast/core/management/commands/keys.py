"""holdfast keys init|status|rotate|escrow|restore"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from holdfast.accounts.services import erasures_reconcile
from holdfast.core import audit, crypto
from holdfast.core import services as key_services
from holdfast.core.models import ErasureRecord


def _passphrase(options: dict[str, Any], confirm: bool) -> str:
    """From --passphrase-file (for automation) or typed twice at the prompt."""
    if options.get("passphrase_file"):
        return Path(options["passphrase_file"]).read_text(encoding="utf-8").rstrip("\n")
    first = getpass.getpass("Escrow passphrase: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise CommandError("The two passphrases differ. Nothing was written.")
    return first


class Command(BaseCommand):
    help = "Manage encryption keys: init, status, rotate, escrow, restore."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("init", help="create the master key if there is none")
        sub.add_parser("status", help="show key ids and counts (never key material)")
        sub.add_parser(
            "reconcile",
            help="after restoring a database backup: re-apply every erasure both ways",
        )
        sub.add_parser("rotate", help="new master key and data keys; re-encrypt everything")
        esc = sub.add_parser("escrow", help="export master key and keyring under a passphrase")
        esc.add_argument("--out", required=True, help="file to write (must not exist)")
        esc.add_argument("--passphrase-file")
        res = sub.add_parser("restore", help="restore master key and keyring from escrow")
        res.add_argument("file")
        res.add_argument("--passphrase-file")
        res.add_argument(
            "--force", action="store_true", help="replace a master key that is present"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        store = crypto.keystore()
        action = options["action"]
        try:
            getattr(self, f"do_{action}")(store, options)
        except crypto.CryptoError as exc:
            raise CommandError(str(exc)) from exc

    def do_init(self, store: crypto.Keystore, options: dict[str, Any]) -> None:
        created = store.init_master_key()
        self.stdout.write(
            f"Master key {'created' if created else 'already present'} in {store.key_dir} "
            f"(id {store.master_key_id()})."
        )

    def do_status(self, store: crypto.Keystore, options: dict[str, Any]) -> None:
        if store.is_locked():
            self.stdout.write("LOCKED: no master key present. Restore it from escrow.")
            return
        stats = store.stats()
        self.stdout.write(f"Master key id: {store.master_key_id()}")
        self.stdout.write(
            f"Rotation in progress: {'yes' if store.rotation_in_progress() else 'no'}"
        )
        for name, value in stats.items():
            self.stdout.write(f"{name}: {value}")

    def do_rotate(self, store: crypto.Keystore, options: dict[str, Any]) -> None:
        if store.rotation_in_progress():
            self.stdout.write("Resuming an interrupted rotation.")
        with (
            tqdm(total=len(store.owners()), desc="data keys", unit="key", file=sys.stderr) as kb,
            tqdm(
                total=key_services.rows_to_rotate(), desc="values", unit="row", file=sys.stderr
            ) as rb,
        ):
            result = key_services.keys_rotate(progress=rb.update, owners_progress=kb.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Rotated: {result['owners']} data keys renewed, {result['values']} values "
                f"re-encrypted, new master key id {store.master_key_id()}. "
                "Make a new escrow copy now; older copies still hold the old keys."
            )
        )

    def do_escrow(self, store: crypto.Keystore, options: dict[str, Any]) -> None:
        out = Path(options["out"])
        if out.exists():
            raise CommandError(f"{out} exists; choose a new file name.")
        blob = store.escrow_export(_passphrase(options, confirm=True))
        audit.record(actor=None, action="keys.escrow", object_type="keyring")
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
        self.stdout.write(
            self.style.SUCCESS(f"Escrow written to {out}. Keep it offline, away from this server.")
        )

    def do_restore(self, store: crypto.Keystore, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        erased = set(ErasureRecord.objects.values_list("key_ref", flat=True))
        count = store.escrow_restore(
            path.read_bytes(),
            _passphrase(options, confirm=False),
            also_destroyed=erased,
            force=options["force"],
        )
        audit.record(actor=None, action="keys.restore", object_type="keyring")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored: {count} data keys in the keyring; {len(erased)} erased people stay "
                "erased. If the database was also restored from a backup, run "
                "`holdfast keys reconcile`."
            )
        )

    def do_reconcile(self, store: crypto.Keystore, options: dict[str, Any]) -> None:
        result = erasures_reconcile()
        self.stdout.write(
            f"Erasures re-applied: {result['keys_destroyed']} data keys destroyed, "
            f"{result['accounts_closed']} accounts closed."
        )
