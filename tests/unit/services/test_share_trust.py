"""The key that marks shares made here (planner.services.share_trust), on real files: made
once and private, a damaged one trusts nothing, a signature covers every field and the plan."""

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
from planner.exports.share_files import make_share
from planner.services import share_trust
from planner.services.plan import PlanService
from planner.services.shares import ShareService


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


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


def test_the_page_a_share_keeps_is_signed_and_older_shares_still_verify(
    config: Path, tmp_path: Path
) -> None:
    """A share keeps its page size (version 2 of the signed text). One made before (no
    page) keeps verifying as it was signed; a page changed or taken away does not verify."""
    key = share_trust.load_key(create=True)
    assert key is not None
    plan = tmp_path / "plan.sqlite3"
    letter = a_share(format="pdf", page="letter")
    signature = share_trust.sign(key, plan, letter)
    assert share_trust.verify(key, plan, letter, signature)
    assert not share_trust.verify(key, plan, a_share(format="pdf", page="a4"), signature)
    assert not share_trust.verify(key, plan, a_share(format="pdf"), signature)
    # A share made before pages were kept: its signature is the version-1 text's.
    older = a_share(format="pdf")
    v1 = share_trust.hmac.new(
        key,
        share_trust.json.dumps(
            ["planner share v1", os.path.realpath(plan), 3, 7, "pdf", True, "/home/me/card.html"]
        ).encode("ascii"),
        hashlib.sha256,
    ).hexdigest()
    assert share_trust.verify(key, plan, older, v1)
    assert not share_trust.verify(key, plan, dataclasses.replace(older, page="a4"), v1)


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
