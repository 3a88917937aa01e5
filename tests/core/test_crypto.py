"""The crypto module: round trip, tampering, unknown keys, erasure, rotation, escrow."""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path

import pytest

from holdfast.core import crypto


@pytest.fixture
def store(tmp_path: Path) -> crypto.Keystore:
    ks = crypto.Keystore(tmp_path / "k")
    ks.init_master_key()
    return ks


def test_round_trip_and_key_id_in_token(store):
    token = store.encrypt("alice", "Hallo, Welt ✓".encode(), b"ctx")
    assert token.startswith("hf1.")
    assert crypto.key_id_of(token) == "alice:1"
    assert store.decrypt(token, b"ctx").decode() == "Hallo, Welt ✓"


def test_same_plaintext_gives_different_ciphertexts(store):
    assert store.encrypt("alice", b"x") != store.encrypt("alice", b"x")


def test_master_key_file_is_private_and_outside_keyring(store):
    assert (store.master_path.stat().st_mode & 0o777) == 0o600
    store.encrypt("alice", b"x")
    assert (store.keyring_path.stat().st_mode & 0o777) == 0o600
    raw = store.keyring_path.read_bytes()
    assert store.master_path.read_bytes() not in raw


@pytest.mark.parametrize("position", [5, 20, -1])
def test_tampering_is_detected(store, position):
    token = store.encrypt("alice", b"secret", b"ctx")
    raw = bytearray(base64.urlsafe_b64decode(token[4:]))
    raw[position] ^= 0x01
    bad = "hf1." + base64.urlsafe_b64encode(bytes(raw)).decode()
    with pytest.raises(crypto.CryptoError):
        store.decrypt(bad, b"ctx")


def test_wrong_context_is_detected(store):
    token = store.encrypt("alice", b"secret", b"profile.legal_name")
    with pytest.raises(crypto.TamperedError):
        store.decrypt(token, b"profile.emergency_contact")


@pytest.mark.parametrize("junk", ["", "hf1.", "hf1.!!!", "plain text", "hf1.AAAA"])
def test_malformed_tokens_raise_tampered(store, junk):
    with pytest.raises(crypto.TamperedError):
        store.decrypt(junk)


def test_unknown_key_id(store, tmp_path):
    other = crypto.Keystore(tmp_path / "other")
    other.init_master_key()
    token = other.encrypt("bob", b"x")
    with pytest.raises(crypto.UnknownKeyError):
        store.decrypt(token)


def test_each_person_has_own_key(store):
    store.encrypt("alice", b"x")
    store.encrypt("bob", b"x")
    assert store.stats()["owners"] == 2


def test_shredding_one_person_leaves_others_readable(store):
    a = store.encrypt("alice", b"alice data")
    b = store.encrypt("bob", b"bob data")
    assert store.destroy("alice") == 1
    with pytest.raises(crypto.KeyDestroyedError):
        store.decrypt(a)
    assert store.decrypt(b) == b"bob data"
    with pytest.raises(crypto.KeyDestroyedError):
        store.encrypt("alice", b"new data after erasure")


def test_shredded_key_bytes_are_gone_from_keyring_file(store):
    store.encrypt("alice", b"x")
    wrapped = (
        sqlite3.connect(store.keyring_path)
        .execute("SELECT wrapped FROM data_keys WHERE owner_ref='alice'")
        .fetchone()[0]
    )
    store.destroy("alice")
    store.close()
    assert wrapped not in store.keyring_path.read_bytes()


def test_rotation_rewraps_and_old_tokens_reencrypt(store):
    old_master = store.master_key_id()
    token = store.encrypt("alice", b"payload", b"c")
    store.rotation_begin()
    store.rotation_rekey_owner("alice")
    assert not store.is_current(token)
    new_token = store.reencrypt(token, b"c")
    assert store.is_current(new_token)
    store.rotation_finish()
    assert store.master_key_id() != old_master
    assert store.decrypt(new_token, b"c") == b"payload"
    with pytest.raises(crypto.UnknownKeyError):
        store.decrypt(token, b"c")  # the old generation is retired


def test_rotation_refuses_to_finish_before_rekeying(store):
    store.encrypt("alice", b"x")
    store.rotation_begin()
    with pytest.raises(crypto.CryptoError, match="not re-keyed"):
        store.rotation_finish()


def test_escrow_round_trip(store, tmp_path):
    token = store.encrypt("alice", b"keep me")
    blob = store.escrow_export("a long escrow passphrase", scrypt_n=2**10)
    assert b"keep me" not in blob
    store.lockdown()
    assert store.is_locked()
    with pytest.raises(crypto.KeyMissingError):
        store.decrypt(token)
    restored = crypto.Keystore(store.key_dir)
    assert restored.escrow_restore(blob, "a long escrow passphrase") == 1
    assert restored.decrypt(token) == b"keep me"


def test_escrow_wrong_passphrase_and_damage(store):
    blob = store.escrow_export("a long escrow passphrase", scrypt_n=2**10)
    with pytest.raises(crypto.EscrowError, match="wrong passphrase"):
        store.escrow_restore(blob, "not the passphrase!!", force=True)
    with pytest.raises(crypto.EscrowError):
        store.escrow_restore(b"{not json", "a long escrow passphrase", force=True)
    with pytest.raises(crypto.CryptoError, match="master key is present"):
        store.escrow_restore(blob, "a long escrow passphrase")


def test_restore_reapplies_later_erasures(store):
    token = store.encrypt("alice", b"x")
    blob = store.escrow_export("a long escrow passphrase", scrypt_n=2**10)
    store.destroy("alice")
    store.escrow_restore(blob, "a long escrow passphrase", force=True, also_destroyed={"alice"})
    with pytest.raises(crypto.KeyDestroyedError):
        store.decrypt(token)


def test_init_refuses_when_keyring_exists_without_master(store):
    store.encrypt("alice", b"x")
    store.lockdown()
    with pytest.raises(crypto.KeyMissingError, match="restore"):
        crypto.Keystore(store.key_dir).init_master_key()


def test_damaged_master_key_file(store):
    store.master_path.write_bytes(b"short")
    with pytest.raises(crypto.KeyMissingError, match="damaged"):
        store.encrypt("alice", b"x")


def test_restore_keeps_keys_made_after_the_escrow(store):
    early = store.encrypt("alice", b"before escrow")
    blob = store.escrow_export("a long escrow passphrase", scrypt_n=2**10)
    late = store.encrypt("bob", b"after escrow")
    store.lockdown()
    crypto.Keystore(store.key_dir).escrow_restore(blob, "a long escrow passphrase")
    restored = crypto.Keystore(store.key_dir)
    assert restored.decrypt(early) == b"before escrow"
    assert restored.decrypt(late) == b"after escrow"


def test_restore_does_not_revive_keys_destroyed_on_disk(store):
    token = store.encrypt("alice", b"x")
    blob = store.escrow_export("a long escrow passphrase", scrypt_n=2**10)
    store.destroy("alice")  # the database ledger is not consulted here
    store.escrow_restore(blob, "a long escrow passphrase", force=True)
    with pytest.raises(crypto.KeyDestroyedError):
        store.decrypt(token)
