"""Which shares this user made, for this plan file, on this computer: each share's record is
signed (HMAC-SHA256) with a key that never leaves the user's own config folder.

Why: a plan is data from outside. Someone can send a plan whose `shares` table names any
file (`~/.bashrc`, live): Planner would overwrite it with a card at the next change, and
`revoke` would delete it. A share's file is only written or deleted when its record
carries a signature made with this user's key over what the share does: the plan file's
real path, the share id, the item, the format, live or not, the file, and the page size it
keeps (since version 2 of the signed text; a share made before has none). A row written by
anyone else, a row of this user's changed afterwards (another file, once made live), or a
signed row carried into another plan file does not verify: it is listed as "not made on
this computer", never written, never deleted, and revoking it only drops the record.

Why a signature rather than the alternatives: keeping every share's path in the user's
settings would split a share in two places that can disagree (a plan restored from a
backup, copied, or edited by the command line and the window); asking before the first
write to a path would ask about rows the user never made, in the middle of an edit, and
cannot be asked by a script. The cost: moving the plan file to another path, or another
computer, or another user account, makes its shares "not made here" (share again to take
them over; revoke removes the old records).

The key: 32 random bytes (os.urandom), hex in `share-key` in platformdirs'
user_config_dir('Planner'), made with mode 0600 (its folder 0700) and published with a
hard link, so two first shares at once agree on one key. A key that cannot be read makes
every share "not made here"; making a share then fails with a message, nothing written.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

from planner.domain.errors import InvalidInput
from planner.domain.shares import ShareRecord
from planner.i18n import _, ngettext

KEY_FILE = "share-key"  # not-ui: a file name
KEY_BYTES = 32
_PURPOSE = "planner share v1"  # not-ui: a key used for anything else one day signs different text
# Version 2 also signs the page size a share keeps (shares made before it have none, and
# keep their v1 signature). A v2 row whose page is taken away does not verify as v1: the
# purpose is part of what is signed.
_PURPOSE_V2 = "planner share v2"  # not-ui: signed text, never shown


def key_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("Planner", appauthor=False)) / KEY_FILE


def load_key(create: bool = False) -> bytes | None:
    """The user's key; None when there is none (or it cannot be read) and `create` is
    false. With `create`, one is made when there is none, or InvalidInput says why not."""
    path = key_path()
    try:
        return _read(path)
    except FileNotFoundError:
        if not create:
            return None
    except (OSError, ValueError) as e:
        if not create:
            return None
        raise InvalidInput(_unusable(path, e)) from None
    try:
        _make(path)
        return _read(path)
    except (OSError, ValueError) as e:
        raise InvalidInput(_unusable(path, e)) from None


def sign(key: bytes, plan: Path, share: ShareRecord) -> str:
    """The signature of what `share` does, for the plan file at `plan`."""
    purpose = _PURPOSE if share.page is None else _PURPOSE_V2
    fields = [purpose, os.path.realpath(plan), share.id, share.item_id, share.format]
    fields += [bool(share.live), share.file]
    if share.page is not None:
        fields.append(share.page)
    # ASCII JSON: a path that is not UTF-8 (surrogate escapes) signs as its escapes.
    text = json.dumps(fields, ensure_ascii=True)
    return hmac.new(key, text.encode("ascii"), hashlib.sha256).hexdigest()


def verify(key: bytes | None, plan: Path, share: ShareRecord, signature: str) -> bool:
    """Whether `signature` is this user's for `share` in the plan file at `plan`."""
    if key is None or not signature:
        return False
    return hmac.compare_digest(sign(key, plan, share), signature)


def _read(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as f:
        key = bytes.fromhex(f.read(4 * KEY_BYTES).decode("ascii").strip())
    if len(key) != KEY_BYTES:
        size = len(key)
        text = ngettext("the key is {n} byte, not {size}", "the key is {n} bytes, not {size}", size)
        raise ValueError(text.format(n=size, size=KEY_BYTES))
    return key


def _make(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temp = path.with_name(f".{KEY_FILE}.{secrets.token_hex(6)}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(temp, flags, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(os.urandom(KEY_BYTES).hex() + "\n")
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temp, path)  # complete when it appears; a key made meanwhile wins
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _unusable(path: Path, error: Exception) -> str:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return _("Cannot use the key that marks the shares you make ({path}): {reason}.").format(
        path=path, reason=reason
    )
