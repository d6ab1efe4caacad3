"""Shares on one open plan: recording, listing, marking written, withdrawing. Writing the
card itself is the caller's (it needs the card renderer); this keeps the records, each
signed by the user who made it (services.share_trust), and says which ones are theirs."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from planner.domain.errors import NotFound
from planner.domain.shares import PAGE_SIZES, ShareRecord, clean_format, clean_page
from planner.i18n import _
from planner.services import share_trust
from planner.services.plan import Clock, PlanService
from planner.services.setting_checks import PAGE_KEY

SIGNATURE_KEY = "share_signature:{}"  # not-ui: a plan setting per share: its maker's signature


class ShareService:
    """The shares of a plan. With `plan_file` (the plan's path), each record says whether
    this user made it for that file (`made_here`); without, none is taken as made here."""

    def __init__(self, plan: PlanService, plan_file: Path | None = None) -> None:
        self.plan = plan
        self.store = plan.store
        self.clock: Clock = plan.clock
        self.plan_file = plan_file
        self._key: bytes | None = None

    def all(self) -> list[ShareRecord]:
        with self.store.read() as unit:
            shares = unit.shares()
            signatures = [unit.setting(SIGNATURE_KEY.format(s.id)) for s in shares]
        return [self._vouched(s, sig) for s, sig in zip(shares, signatures, strict=True)]

    def live(self) -> list[ShareRecord]:
        return [s for s in self.all() if s.live]

    def get(self, share_id: int) -> ShareRecord:
        with self.store.read() as unit:
            share = unit.get_share(share_id)
            signature = unit.setting(SIGNATURE_KEY.format(share_id))
        if share is None:
            raise NotFound(_("There is no share with id {id}.").format(id=share_id))
        return self._vouched(share, signature)

    def add(
        self,
        item_id: int,
        fmt: str,
        file: str,
        live: bool,
        fingerprint: str,
        place: Callable[[], None] = lambda: None,
        page: str | None = None,
    ) -> ShareRecord:
        """Record a share, signed as this user's, and `place` its file in the same step:
        when either fails, neither is done (the record rolls back)."""
        assert self.plan_file is not None, "a share is made for a plan file"
        fmt = clean_format(fmt)
        key = share_trust.load_key(create=True)
        assert key is not None
        now = self.clock()
        with self.store.write() as unit:
            unit.require(item_id)
            share_id = unit.insert_share(
                item_id=item_id,
                format=fmt,
                file=file,
                made=now,
                updated=now,
                live=live,
                fingerprint=fingerprint,
                page=None if page is None else clean_page(page),
            )
            share = unit.get_share(share_id)
            assert share is not None
            unit.set_setting(
                SIGNATURE_KEY.format(share_id), share_trust.sign(key, self.plan_file, share)
            )
            place()
        return dataclasses.replace(share, made_here=True)

    def written(self, share_id: int, fingerprint: str) -> None:
        """The share's file was rewritten with a card of this fingerprint."""
        with self.store.write() as unit:
            unit.update_share(share_id, updated=self.clock(), fingerprint=fingerprint)

    def remove(
        self, share_id: int, take_file: Callable[[ShareRecord], None] = lambda _s: None
    ) -> ShareRecord:
        """Withdraw a share's record, and `take_file` in the same step (called once the
        record is gone but not yet saved: when it raises, the record stays)."""
        with self.store.write() as unit:
            share = unit.get_share(share_id)
            if share is None:
                raise NotFound(_("There is no share with id {id}.").format(id=share_id))
            unit.delete_share(share_id)
            unit.delete_setting(SIGNATURE_KEY.format(share_id))
            take_file(share)
            return share

    def page(self) -> str:
        """The page size of PDF cards: a4 or letter (a plan setting)."""
        with self.store.read() as unit:
            page = unit.setting(PAGE_KEY)
            return page if page in PAGE_SIZES else "a4"  # one that does not read: check says

    def set_page(self, page: str) -> None:
        page = clean_page(page)
        with self.store.write() as unit:
            unit.set_setting(PAGE_KEY, page)

    def _vouched(self, share: ShareRecord, signature: str) -> ShareRecord:
        if self.plan_file is None or not signature:
            return share
        if self._key is None:
            self._key = share_trust.load_key()
        made_here = share_trust.verify(self._key, self.plan_file, share, signature)
        return dataclasses.replace(share, made_here=made_here)
