"""The only code in Holdfast that touches a key or a cipher.

Design (docs/subsystems/encryption.md has the long form):

* A **master key** (32 random bytes) lives in a file outside the database
  (``<key dir>/master.key``, mode 0600). It only wraps other keys.
* Each person has a **data key** (AES-256), created on first use. Data keys are stored
  *wrapped* by the master key in the **keyring**, a small SQLite file beside the master key,
  never in the main database. A database backup therefore holds ciphertext only.
* Every ciphertext names the key that made it: ``hf1.<base64url(len | key id | nonce | ct)>``
  where the key id is ``<owner ref>:<generation>``. Decryption needs no other context.
* **Erasing** a person deletes their data keys from the keyring (``secure_delete`` on), so
  every copy of their ciphertext, also in older database backups, becomes unreadable.
* **Rotation** creates a next master key, gives every person a new data key generation
  wrapped by it, lets the caller re-encrypt each stored value, then retires the old keys.
  Every step is idempotent, so an interrupted rotation resumes where it stopped.
* **Escrow** exports master key and keyring encrypted under a passphrase (scrypt + AES-GCM).
* **Lockdown** overwrites and deletes the master key; the app then shows a lockdown page.

AES-256-GCM with a fresh 96-bit random nonce per message; associated data binds a value to
the field it belongs to, so a ciphertext cannot be moved to another column unnoticed.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

TOKEN_PREFIX = "hf1."  # noqa: S105 - a format marker, not a secret
KEY_BYTES = 32
NONCE_BYTES = 12
MASTER_FILE = "master.key"
NEXT_MASTER_FILE = "master.next.key"
KEYRING_FILE = "keyring.sqlite3"
ESCROW_FORMAT = "holdfast-escrow-1"
# scrypt cost for escrow files: 2**17 * 8 * 128 bytes = 128 MiB of memory per attempt.
ESCROW_SCRYPT_N = 2**17


class CryptoError(Exception):
    """Base class: every failure of this module is one of these."""


class KeyMissingError(CryptoError):
    """The master key file is absent: the server is in lockdown or was never set up."""


class UnknownKeyError(CryptoError):
    """A ciphertext names a key this keyring does not hold (and never erased)."""


class KeyDestroyedError(CryptoError):
    """The key was destroyed on purpose: its owner was erased."""


class TamperedError(CryptoError):
    """The ciphertext is malformed or failed authentication."""


class EscrowError(CryptoError):
    """An escrow file is unreadable, or the passphrase is wrong."""


def _utcnow() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _master_id(key: bytes) -> str:
    return hashlib.sha256(b"holdfast-master-id\x00" + key).hexdigest()[:16]


def _write_secret_file(path: Path, data: bytes) -> None:
    """Write atomically with mode 0600 from the first byte on."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _shred_file(path: Path) -> None:
    """Overwrite then delete. On SSDs and copy-on-write file systems the old blocks may
    survive; docs/subsystems/encryption.md says so."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as handle:
        handle.write(secrets.token_bytes(max(size, KEY_BYTES)))
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def _pack(key_id: str, nonce: bytes, ciphertext: bytes) -> str:
    kid = key_id.encode("ascii")
    raw = bytes([len(kid)]) + kid + nonce + ciphertext
    return TOKEN_PREFIX + base64.urlsafe_b64encode(raw).decode("ascii")


def parse_token(token: str) -> tuple[str, bytes, bytes]:
    """Split a token into (key id, nonce, ciphertext); raise TamperedError if malformed."""
    if not isinstance(token, str) or not token.startswith(TOKEN_PREFIX):
        raise TamperedError("not a Holdfast ciphertext")
    try:
        raw = base64.urlsafe_b64decode(token[len(TOKEN_PREFIX) :].encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise TamperedError("ciphertext is not valid base64") from exc
    if len(raw) < 1:
        raise TamperedError("ciphertext is empty")
    kid_len = raw[0]
    if len(raw) < 1 + kid_len + NONCE_BYTES + 16:
        raise TamperedError("ciphertext is truncated")
    try:
        key_id = raw[1 : 1 + kid_len].decode("ascii")
    except UnicodeDecodeError as exc:
        raise TamperedError("key id is not ASCII") from exc
    nonce = raw[1 + kid_len : 1 + kid_len + NONCE_BYTES]
    return key_id, nonce, raw[1 + kid_len + NONCE_BYTES :]


def key_id_of(token: str) -> str:
    return parse_token(token)[0]


def owner_of_key_id(key_id: str) -> str:
    return key_id.rsplit(":", 1)[0]


@dataclass(frozen=True)
class DataKeyRow:
    key_id: str
    owner_ref: str
    generation: int
    master_id: str
    wrapped: bytes


class Keystore:
    """Master key(s) and the keyring in one key directory."""

    def __init__(self, key_dir: Path | str) -> None:
        self.key_dir = Path(key_dir)
        self._local = threading.local()
        self._lock = threading.Lock()

    # -- files -------------------------------------------------------------------------

    @property
    def master_path(self) -> Path:
        return self.key_dir / MASTER_FILE

    @property
    def next_master_path(self) -> Path:
        return self.key_dir / NEXT_MASTER_FILE

    @property
    def keyring_path(self) -> Path:
        return self.key_dir / KEYRING_FILE

    def is_locked(self) -> bool:
        """True when no master key is present: nothing encrypted can be read."""
        return not self.master_path.exists()

    def _read_key_file(self, path: Path) -> bytes:
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise KeyMissingError(f"master key file {path} is missing") from exc
        if len(data) != KEY_BYTES:
            raise KeyMissingError(f"master key file {path} is damaged ({len(data)} bytes)")
        return data

    def _masters(self) -> dict[str, bytes]:
        """All master keys present, by id (two during a rotation)."""
        masters: dict[str, bytes] = {}
        current = self._read_key_file(self.master_path)
        masters[_master_id(current)] = current
        if self.next_master_path.exists():
            nxt = self._read_key_file(self.next_master_path)
            masters[_master_id(nxt)] = nxt
        return masters

    def _wrapping_master(self) -> tuple[str, bytes]:
        """The master key new data keys are wrapped with: the next one during rotation."""
        path = self.next_master_path if self.next_master_path.exists() else self.master_path
        key = self._read_key_file(path)
        return _master_id(key), key

    def master_key_id(self) -> str:
        return _master_id(self._read_key_file(self.master_path))

    def init_master_key(self) -> bool:
        """Create the master key if there is none. Refuse when a keyring already exists
        without one: that is a lockdown or a lost key, and only an escrow can help."""
        self.key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.master_path.exists():
            return False
        if self.keyring_path.exists() and self._count_keys() > 0:
            raise KeyMissingError(
                "the keyring holds data keys but the master key is missing; "
                "restore it with `holdfast keys restore` from your escrow copy"
            )
        _write_secret_file(self.master_path, secrets.token_bytes(KEY_BYTES))
        return True

    # -- keyring -----------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and getattr(self._local, "path", None) == self.keyring_path:
            return conn
        self.key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        new = not self.keyring_path.exists()
        conn = sqlite3.connect(self.keyring_path, timeout=30, isolation_level=None)
        if new:
            os.chmod(self.keyring_path, 0o600)
        conn.execute("PRAGMA secure_delete=ON")
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS data_keys ("
            " key_id TEXT PRIMARY KEY, owner_ref TEXT NOT NULL, generation INTEGER NOT NULL,"
            " master_id TEXT NOT NULL, wrapped BLOB NOT NULL, created_at TEXT NOT NULL)"
        )
        conn.execute("CREATE INDEX IF NOT EXISTS data_keys_owner ON data_keys(owner_ref)")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS destroyed ("
            " owner_ref TEXT PRIMARY KEY, destroyed_at TEXT NOT NULL)"
        )
        self._local.conn = conn
        self._local.path = self.keyring_path
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _count_keys(self) -> int:
        return int(self._db().execute("SELECT COUNT(*) FROM data_keys").fetchone()[0])

    def _rows_for(self, owner_ref: str) -> list[DataKeyRow]:
        cur = self._db().execute(
            "SELECT key_id, owner_ref, generation, master_id, wrapped FROM data_keys"
            " WHERE owner_ref = ? ORDER BY generation",
            (owner_ref,),
        )
        return [DataKeyRow(*row) for row in cur.fetchall()]

    def _row(self, key_id: str) -> DataKeyRow | None:
        row = (
            self._db()
            .execute(
                "SELECT key_id, owner_ref, generation, master_id, wrapped FROM data_keys"
                " WHERE key_id = ?",
                (key_id,),
            )
            .fetchone()
        )
        return DataKeyRow(*row) if row else None

    def _is_destroyed(self, owner_ref: str) -> bool:
        row = (
            self._db()
            .execute("SELECT 1 FROM destroyed WHERE owner_ref = ?", (owner_ref,))
            .fetchone()
        )
        return row is not None

    def _unwrap(self, row: DataKeyRow, masters: dict[str, bytes] | None = None) -> bytes:
        masters = masters if masters is not None else self._masters()
        master = masters.get(row.master_id)
        if master is None:
            raise UnknownKeyError(f"data key {row.key_id} is wrapped by an absent master key")
        nonce, wrapped = row.wrapped[:NONCE_BYTES], row.wrapped[NONCE_BYTES:]
        try:
            return AESGCM(master).decrypt(nonce, wrapped, row.key_id.encode("ascii"))
        except InvalidTag as exc:
            raise TamperedError(f"wrapped data key {row.key_id} failed authentication") from exc

    def _wrap(self, key_id: str, data_key: bytes, master: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + AESGCM(master).encrypt(nonce, data_key, key_id.encode("ascii"))

    def _create_generation(self, owner_ref: str, generation: int) -> DataKeyRow:
        master_id, master = self._wrapping_master()
        key_id = f"{owner_ref}:{generation}"
        wrapped = self._wrap(key_id, secrets.token_bytes(KEY_BYTES), master)
        self._db().execute(
            "INSERT OR IGNORE INTO data_keys VALUES (?, ?, ?, ?, ?, ?)",
            (key_id, owner_ref, generation, master_id, wrapped, _utcnow()),
        )
        row = self._row(key_id)
        assert row is not None  # noqa: S101 - just inserted (or inserted by a racing writer)
        return row

    def current_key_id(self, owner_ref: str) -> str | None:
        rows = self._rows_for(owner_ref)
        return rows[-1].key_id if rows else None

    def _current_row(self, owner_ref: str) -> DataKeyRow:
        if not owner_ref or ":" in owner_ref or len(owner_ref) > 64:
            raise CryptoError("owner reference must be a short id without ':'")
        rows = self._rows_for(owner_ref)
        if rows:
            return rows[-1]
        if self._is_destroyed(owner_ref):
            raise KeyDestroyedError(f"the data key of {owner_ref} was destroyed")
        with self._lock:
            return self._create_generation(owner_ref, 1)

    # -- encrypt / decrypt -------------------------------------------------------------

    def encrypt(self, owner_ref: str, plaintext: bytes, aad: bytes = b"") -> str:
        row = self._current_row(owner_ref)
        data_key = self._unwrap(row)
        nonce = secrets.token_bytes(NONCE_BYTES)
        ciphertext = AESGCM(data_key).encrypt(nonce, plaintext, aad)
        return _pack(row.key_id, nonce, ciphertext)

    def decrypt(self, token: str, aad: bytes = b"") -> bytes:
        key_id, nonce, ciphertext = parse_token(token)
        row = self._row(key_id)
        if row is None:
            if self._is_destroyed(owner_of_key_id(key_id)):
                raise KeyDestroyedError(f"the key {key_id} was destroyed")
            raise UnknownKeyError(f"no key {key_id} in the keyring")
        data_key = self._unwrap(row)
        try:
            return AESGCM(data_key).decrypt(nonce, ciphertext, aad)
        except InvalidTag as exc:
            raise TamperedError("ciphertext failed authentication") from exc

    def is_current(self, token: str) -> bool:
        """True if the token was made with its owner's newest key."""
        key_id = key_id_of(token)
        return self.current_key_id(owner_of_key_id(key_id)) == key_id

    def reencrypt(self, token: str, aad: bytes = b"") -> str:
        """Decrypt with whatever key made it; encrypt with the owner's current key."""
        plaintext = self.decrypt(token, aad)
        return self.encrypt(owner_of_key_id(key_id_of(token)), plaintext, aad)

    # -- erasure -----------------------------------------------------------------------

    def destroy(self, owner_ref: str) -> int:
        """Destroy every data key of one person. Returns how many keys were destroyed."""
        db = self._db()
        with self._lock:
            db.execute("BEGIN IMMEDIATE")
            try:
                count = db.execute(
                    "DELETE FROM data_keys WHERE owner_ref = ?", (owner_ref,)
                ).rowcount
                db.execute("INSERT OR IGNORE INTO destroyed VALUES (?, ?)", (owner_ref, _utcnow()))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return int(count)

    def destroyed_refs(self) -> set[str]:
        return {r[0] for r in self._db().execute("SELECT owner_ref FROM destroyed")}

    # -- rotation ----------------------------------------------------------------------

    def rotation_in_progress(self) -> bool:
        return self.next_master_path.exists()

    def rotation_begin(self) -> str:
        """Create the next master key unless a resumed rotation already has one."""
        self._read_key_file(self.master_path)
        if not self.next_master_path.exists():
            _write_secret_file(self.next_master_path, secrets.token_bytes(KEY_BYTES))
        return _master_id(self._read_key_file(self.next_master_path))

    def owners(self) -> list[str]:
        return [
            r[0]
            for r in self._db().execute(
                "SELECT DISTINCT owner_ref FROM data_keys ORDER BY owner_ref"
            )
        ]

    def rotation_rekey_owner(self, owner_ref: str) -> str:
        """Give one person a new data key generation under the next master key
        (idempotent: a second call after an interruption reuses it)."""
        next_id = _master_id(self._read_key_file(self.next_master_path))
        rows = self._rows_for(owner_ref)
        if rows and rows[-1].master_id == next_id:
            return rows[-1].key_id
        generation = rows[-1].generation + 1 if rows else 1
        with self._lock:
            return self._create_generation(owner_ref, generation).key_id

    def rotation_finish(self) -> str:
        """Retire every non-current data key and make the next master key current.
        Call only after every stored ciphertext was re-encrypted."""
        next_key = self._read_key_file(self.next_master_path)
        next_id = _master_id(next_key)
        db = self._db()
        not_rewrapped = db.execute(
            "SELECT COUNT(*) FROM data_keys d WHERE master_id != ? AND generation = ("
            " SELECT MAX(generation) FROM data_keys e WHERE e.owner_ref = d.owner_ref)",
            (next_id,),
        ).fetchone()[0]
        if not_rewrapped:
            raise CryptoError(f"{not_rewrapped} data keys were not re-keyed yet")
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "DELETE FROM data_keys WHERE generation < ("
            " SELECT MAX(generation) FROM data_keys e WHERE e.owner_ref = data_keys.owner_ref)"
        )
        db.execute("COMMIT")
        _shred_file(self.master_path)
        os.replace(self.next_master_path, self.master_path)
        return next_id

    # -- escrow ------------------------------------------------------------------------

    def _escrow_payload(self) -> dict[str, object]:
        keys = self._db().execute(
            "SELECT key_id, owner_ref, generation, master_id, wrapped, created_at"
            " FROM data_keys ORDER BY key_id"
        )
        destroyed = self._db().execute("SELECT owner_ref, destroyed_at FROM destroyed")
        masters = {
            name: base64.b64encode(self._read_key_file(self.key_dir / name)).decode()
            for name in (MASTER_FILE, NEXT_MASTER_FILE)
            if (self.key_dir / name).exists()
        }
        return {
            "masters": masters,
            "data_keys": [
                [k, o, g, m, base64.b64encode(w).decode(), c] for k, o, g, m, w, c in keys
            ],
            "destroyed": [list(row) for row in destroyed],
            "created_at": _utcnow(),
        }

    def escrow_export(self, passphrase: str, *, scrypt_n: int = ESCROW_SCRYPT_N) -> bytes:
        if len(passphrase) < 12:
            raise EscrowError("the escrow passphrase must have at least 12 characters")
        salt = secrets.token_bytes(16)
        key = Scrypt(salt=salt, length=KEY_BYTES, n=scrypt_n, r=8, p=1).derive(
            passphrase.encode("utf-8")
        )
        nonce = secrets.token_bytes(NONCE_BYTES)
        body = json.dumps(self._escrow_payload()).encode("utf-8")
        sealed = AESGCM(key).encrypt(nonce, body, ESCROW_FORMAT.encode())
        envelope = {
            "format": ESCROW_FORMAT,
            "kdf": {"name": "scrypt", "n": scrypt_n, "r": 8, "p": 1},
            "salt": base64.b64encode(salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
            "ciphertext": base64.b64encode(sealed).decode(),
        }
        return json.dumps(envelope, indent=1).encode("utf-8")

    def escrow_restore(
        self,
        blob: bytes,
        passphrase: str,
        *,
        also_destroyed: frozenset[str] | set[str] = frozenset(),
        force: bool = False,
    ) -> int:
        """Restore master key(s) and keyring from an escrow file, merged into the keyring on
        disk: data keys made after the escrow (wrapped by the same master key) stay usable.
        Keys of people erased since the escrow was made (tombstones on disk, and
        ``also_destroyed`` from the database's erasure ledger) are destroyed again at once.
        Returns the number of data keys in the keyring afterwards."""
        try:
            envelope = json.loads(blob.decode("utf-8"))
            if envelope.get("format") != ESCROW_FORMAT:
                raise EscrowError("this file is not a Holdfast escrow file")
            kdf = envelope["kdf"]
            salt = base64.b64decode(envelope["salt"])
            nonce = base64.b64decode(envelope["nonce"])
            sealed = base64.b64decode(envelope["ciphertext"])
            key = Scrypt(
                salt=salt, length=KEY_BYTES, n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"])
            ).derive(passphrase.encode("utf-8"))
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise EscrowError("the escrow file is damaged or not an escrow file") from exc
        try:
            payload = json.loads(AESGCM(key).decrypt(nonce, sealed, ESCROW_FORMAT.encode()))
        except InvalidTag as exc:
            raise EscrowError("wrong passphrase, or the escrow file was altered") from exc
        if self.master_path.exists() and not force:
            raise CryptoError("a master key is present; restoring would replace it (use --force)")
        self.key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        db = self._db()
        destroyed_here = self.destroyed_refs()
        db.execute("BEGIN IMMEDIATE")
        for key_id, owner, gen, master_id, wrapped, created in payload["data_keys"]:
            if owner in destroyed_here:
                continue
            db.execute(
                "INSERT OR IGNORE INTO data_keys VALUES (?, ?, ?, ?, ?, ?)",
                (key_id, owner, gen, master_id, base64.b64decode(wrapped), created),
            )
        for owner, when in payload["destroyed"]:
            db.execute("INSERT OR IGNORE INTO destroyed VALUES (?, ?)", (owner, when))
        db.execute("COMMIT")
        for name, value in payload["masters"].items():
            if name in (MASTER_FILE, NEXT_MASTER_FILE):
                _write_secret_file(self.key_dir / name, base64.b64decode(value))
        for owner in also_destroyed:
            self.destroy(owner)
        return self._count_keys()

    # -- lockdown ----------------------------------------------------------------------

    def lockdown(self) -> None:
        """Destroy the local master key(s). Everything encrypted becomes unreadable here
        until the master key is restored from escrow."""
        self.close()
        for path in (self.next_master_path, self.master_path):
            _shred_file(path)

    def stats(self) -> dict[str, int]:
        db = self._db()
        return {
            "data_keys": self._count_keys(),
            "owners": int(
                db.execute("SELECT COUNT(DISTINCT owner_ref) FROM data_keys").fetchone()[0]
            ),
            "destroyed": int(db.execute("SELECT COUNT(*) FROM destroyed").fetchone()[0]),
        }


_keystores: dict[Path, Keystore] = {}
_keystores_lock = threading.Lock()


def keystore(key_dir: Path | str | None = None) -> Keystore:
    """The keystore for a key directory (default: settings.HOLDFAST_KEY_DIR)."""
    if key_dir is None:
        from django.conf import settings  # lazy: this module is usable without Django

        key_dir = settings.HOLDFAST_KEY_DIR
    path = Path(key_dir)
    with _keystores_lock:
        if path not in _keystores:
            _keystores[path] = Keystore(path)
        return _keystores[path]


def encrypt_text(owner_ref: str, text: str, *, context: str) -> str:
    return keystore().encrypt(owner_ref, text.encode("utf-8"), context.encode("utf-8"))


def decrypt_text(token: str, *, context: str) -> str:
    return keystore().decrypt(token, context.encode("utf-8")).decode("utf-8")


def is_locked() -> bool:
    return keystore().is_locked()
