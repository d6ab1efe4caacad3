"""Shares on one open plan: recording, listing, marking written, withdrawing. Writing the
card itself is the caller's (it needs the card renderer); this keeps the records."""

from __future__ import annotations

from planner.domain.errors import NotFound
from planner.domain.shares import ShareRecord, clean_format, clean_page
from planner.services.plan import Clock, PlanService

PAGE_KEY = "card_page"


class ShareService:
    def __init__(self, plan: PlanService) -> None:
        self.plan = plan
        self.store = plan.store
        self.clock: Clock = plan.clock

    def all(self) -> list[ShareRecord]:
        with self.store.read() as unit:
            return unit.shares()

    def live(self) -> list[ShareRecord]:
        return [s for s in self.all() if s.live]

    def get(self, share_id: int) -> ShareRecord:
        with self.store.read() as unit:
            share = unit.get_share(share_id)
        if share is None:
            raise NotFound(f"There is no share with id {share_id}.")
        return share

    def add(self, item_id: int, fmt: str, file: str, live: bool, fingerprint: str) -> ShareRecord:
        """Record a share whose file was just written."""
        fmt = clean_format(fmt)
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
            )
            share = unit.get_share(share_id)
        assert share is not None
        return share

    def written(self, share_id: int, fingerprint: str) -> None:
        """The share's file was rewritten with a card of this fingerprint."""
        with self.store.write() as unit:
            unit.update_share(share_id, updated=self.clock(), fingerprint=fingerprint)

    def remove(self, share_id: int) -> ShareRecord:
        with self.store.write() as unit:
            share = unit.get_share(share_id)
            if share is None:
                raise NotFound(f"There is no share with id {share_id}.")
            unit.delete_share(share_id)
            return share

    def page(self) -> str:
        """The page size of PDF cards: a4 or letter (a plan setting)."""
        with self.store.read() as unit:
            return unit.setting(PAGE_KEY) or "a4"

    def set_page(self, page: str) -> None:
        page = clean_page(page)
        with self.store.write() as unit:
            unit.set_setting(PAGE_KEY, page)
