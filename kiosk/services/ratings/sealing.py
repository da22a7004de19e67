"""Keeping the evaluator's identity (name, ID number) unreadable on the terminal's disk.

The platform needs the evaluator in clear when the rating is uploaded, so the store must be able
to read it back: it is sealed, not hashed, with AES-256-GCM (the `cryptography` package): a fresh
96-bit nonce per value, and the version byte bound in as associated data, so a damaged or
swapped value fails to open instead of decrypting to garbage.

The sub-keys (sealing, lookup token, fingerprint) are derived from one 32-byte key in
`ratings.key` beside the database, created once with mode 0600. A copy of the database alone
(a backup, a returned disk image) reveals no identity; whoever holds both files can read it,
which is the same as for the platform secret in the configuration.

`token(id_number)` is a keyed HMAC of the ID number: the store finds "has this person rated this
办件" by it without keeping the number in clear (a plain hash of an 18-digit ID is trivially
reversed by trying every birth date).
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ...databases import load_or_create_key as load_key_file

log = logging.getLogger(__name__)

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
VERSION = b"\x02"
KEY_FILE = "ratings.key"


class SealBroken(Exception):
    """A sealed value does not open with this key: damaged, or sealed under another key file."""


class Sealer:
    def __init__(self, key: bytes):
        if len(key) != KEY_BYTES:
            raise ValueError(f"a ratings key is {KEY_BYTES} bytes")
        self._aead = AESGCM(_derive(key, b"kiosk ratings: sealing"))
        self._tok = _derive(key, b"kiosk ratings: lookup token")
        # Names the key without revealing it: stored in the database to notice a swapped key file.
        self.fingerprint = _derive(key, b"kiosk ratings: fingerprint").hex()[:16]

    def seal(self, plaintext: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return VERSION + nonce + self._aead.encrypt(nonce, plaintext, VERSION)

    def open(self, sealed: bytes) -> bytes:
        if len(sealed) < 1 + NONCE_BYTES + TAG_BYTES or sealed[:1] != VERSION:
            raise SealBroken("not a sealed value of this version")
        nonce, ciphertext = sealed[1:1 + NONCE_BYTES], sealed[1 + NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, ciphertext, VERSION)
        except InvalidTag:
            raise SealBroken("authentication tag does not match (damaged, or another key)") from None

    def token(self, id_number: str) -> str:
        """Stable keyed token of an ID number (upper-cased: a trailing x and X are the same)."""
        return hmac.new(self._tok, id_number.strip().upper().encode(), hashlib.sha256).hexdigest()


def _derive(key: bytes, label: bytes) -> bytes:
    return hmac.new(key, label, hashlib.sha256).digest()


def load_or_create_key(data_dir: Path) -> bytes:
    """The key in data_dir/ratings.key, created (0600, fsynced) the first time; see
    kiosk.databases.load_or_create_key for a file of the wrong size or mode."""
    return load_key_file(Path(data_dir) / KEY_FILE, KEY_BYTES, what="ratings key file")

