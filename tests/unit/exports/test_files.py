"""Writing files out of the plan (planner.exports.files), on real files: what is refused is
left as it was, and no temporary file is left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from planner.domain.errors import InvalidInput
from planner.exports.files import plan_files, set_aside, stage, write_atomically


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
