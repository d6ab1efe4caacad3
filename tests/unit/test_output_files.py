"""Writing files out of the plan (planner.exports.files) and the key that marks shares made
here (planner.services.share_trust), on real files: what is refused is left as it was, and
no temporary file is left behind."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planner.domain.errors import InvalidInput
from planner.domain.shares import ShareRecord
from planner.exports.files import plan_files, set_aside, stage, write_atomically
from planner.exports.share_files import make_share
from planner.services import share_trust
from planner.services.plan import PlanService
from planner.services.shares import ShareService


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_new_file_and_a_replaced_one(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    write_atomically(target, b"one")
    assert target.read_bytes() == b"one"
    target.chmod(0o604)
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two" and stat.S_IMODE(target.stat().st_mode) == 0o604
    assert names(tmp_path) == ["out.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InvalidInput, match=r"Cannot write .*out.json: No space left on device\."):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old" and names(tmp_path) == ["out.json"]


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="No such file or directory"):
        write_atomically(tmp_path / "nowhere" / "out.json", b"x")
    assert names(tmp_path) == []


def test_a_fifo_not_named_on_purpose_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    # Opening a FIFO for writing with no reader would wait forever: it is never opened.
    with pytest.raises(InvalidInput, match=r"is a pipe \(FIFO\), not a regular file"):
        write_atomically(fifo, b"x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and names(tmp_path) == ["pipe"]


def test_a_link_to_a_device_is_written_through_only_when_named_on_purpose(tmp_path: Path) -> None:
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    with pytest.raises(InvalidInput, match="is a symbolic link"):
        write_atomically(link, b"x")
    write_atomically(link, b"x", devices=True)
    assert link.is_symlink() and stat.S_ISCHR(Path(os.devnull).stat().st_mode)


def test_a_link_to_a_regular_file_is_refused_even_when_named_on_purpose(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.write_bytes(b"keep")
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(InvalidInput, match="is a symbolic link"):
        write_atomically(link, b"x", devices=True)
    assert real.read_bytes() == b"keep" and link.is_symlink()


def test_the_plan_is_refused_by_any_name(tmp_path: Path) -> None:
    plan = tmp_path / "plan.sqlite3"
    plan.write_bytes(b"SQLite format 3\0")
    hard = tmp_path / "hard-link"
    os.link(plan, hard)
    for target in (plan, hard, tmp_path / "." / "plan.sqlite3", Path(f"{plan}-wal")):
        with pytest.raises(InvalidInput, match="is the plan file itself"):
            write_atomically(target, b"x", plan_files(plan))
    assert plan.read_bytes() == b"SQLite format 3\0"
    assert names(tmp_path) == ["hard-link", "plan.sqlite3"]


def test_a_staged_file_is_not_in_place_until_placed(tmp_path: Path) -> None:
    target = tmp_path / "card.html"
    staged = stage(target, b"card")
    assert not target.exists()
    staged.discard()
    assert names(tmp_path) == []
    stage(target, b"card").place()
    assert target.read_bytes() == b"card" and names(tmp_path) == ["card.html"]


def test_a_file_set_aside_goes_back_or_away(tmp_path: Path) -> None:
    card = tmp_path / "card.html"
    card.write_bytes(b"card")
    aside = set_aside(card)
    assert aside is not None and not card.exists()
    aside.put_back()
    assert card.read_bytes() == b"card" and names(tmp_path) == ["card.html"]
    aside = set_aside(card)
    assert aside is not None
    aside.delete()
    assert names(tmp_path) == []
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere")
    assert set_aside(link) is None and link.is_symlink()


# -- the key and the signatures ------------------------------------------------------------


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


def a_share(**changes: object) -> ShareRecord:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    share = ShareRecord(3, 7, "html", "/home/me/card.html", now, now, True, "")
    return dataclasses.replace(share, **changes)  # type: ignore[arg-type]


def test_the_key_is_made_once_private_and_read_back(config: Path) -> None:
    assert share_trust.load_key() is None
    key = share_trust.load_key(create=True)
    path = config / "Planner" / "share-key"
    assert key is not None and len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert share_trust.load_key() == key == share_trust.load_key(create=True)


def test_first_keys_made_at_once_are_one_key(config: Path) -> None:
    keys: list[bytes | None] = []
    start = threading.Barrier(8)

    def make() -> None:
        start.wait()
        keys.append(share_trust.load_key(create=True))

    threads = [threading.Thread(target=make) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == 8 and len(set(keys)) == 1
    assert names(config / "Planner") == ["share-key"]


def test_a_damaged_key_trusts_nothing_and_is_kept(config: Path) -> None:
    path = config / "Planner" / "share-key"
    path.parent.mkdir(parents=True)
    path.write_text("not a key\n")
    assert share_trust.load_key() is None
    with pytest.raises(InvalidInput, match="Cannot use the key that marks the shares you make"):
        share_trust.load_key(create=True)
    assert path.read_text() == "not a key\n"


def test_a_signature_covers_every_field_and_the_plan_file(config: Path, tmp_path: Path) -> None:
    key = share_trust.load_key(create=True)
    assert key is not None
    plan = tmp_path / "plan.sqlite3"
    signature = share_trust.sign(key, plan, a_share())
    assert share_trust.verify(key, plan, a_share(), signature)
    # The same plan file by another name (a link to its folder) is the same plan.
    (tmp_path / "via").symlink_to(tmp_path)
    assert share_trust.verify(key, tmp_path / "via" / "plan.sqlite3", a_share(), signature)
    for changed in (
        a_share(id=4),
        a_share(item_id=8),
        a_share(format="pdf"),
        a_share(live=False),
        a_share(file="/home/me/.bashrc"),
    ):
        assert not share_trust.verify(key, plan, changed, signature)
    assert not share_trust.verify(key, tmp_path / "copy.sqlite3", a_share(), signature)
    assert not share_trust.verify(os.urandom(32), plan, a_share(), signature)
    assert not share_trust.verify(None, plan, a_share(), signature)


def test_a_share_is_refused_whole_when_the_key_cannot_be_kept(
    service: PlanService, plan_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    group = service.create_group("Health").ids[0]
    goal = service.create_item(group, "Run").ids[0]
    out = tmp_path / "cards"
    out.mkdir()
    with pytest.raises(InvalidInput, match="Cannot use the key"):
        make_share(service, goal, "html", out / "card.html", True, plan_path)
    assert names(out) == [] and ShareService(service).all() == []


def test_a_share_made_here_is_signed_and_its_signature_goes_with_it(
    config: Path, service: PlanService, plan_path: Path, tmp_path: Path
) -> None:
    group = service.create_group("Health").ids[0]
    goal = service.create_item(group, "Run").ids[0]
    card = tmp_path / "card.html"
    share = make_share(service, goal, "html", card, True, plan_path)
    assert share.made_here
    [listed] = ShareService(service, plan_path).all()
    assert listed.made_here and not ShareService(service).all()[0].made_here
    digest = hashlib.sha256(card.read_bytes()).hexdigest()
    ShareService(service, plan_path).remove(share.id)
    with service.store.read() as unit:
        assert unit.setting(f"share_signature:{share.id}") == ""
    assert hashlib.sha256(card.read_bytes()).hexdigest() == digest  # remove() keeps files
