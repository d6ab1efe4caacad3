"""The plan's rows as the domain's records (ORM row in, plain frozen record out)."""

from __future__ import annotations

import operator

from planner.domain.costs import CostLine, LineKind
from planner.domain.items import ItemRecord, Kind, Priority, Status
from planner.domain.money import PRICE_PLACES, QUANTITY_PLACES, decimal_text
from planner.store.schema import CostLineRow, ItemRow
from planner.store.stored_values import amount


def to_record(row: ItemRow) -> ItemRecord:
    return ItemRecord(
        id=row.id,
        kind=Kind(row.kind),
        parent_id=row.parent_id,
        position=operator.index(row.position),  # a plan is data from outside (see damage)
        title=row.title,
        notes=row.notes,
        created=row.created,
        due=row.due,
        priority=Priority(row.priority),
        status=Status(row.status),
        done_at=row.done_at,
        deleted_at=row.deleted_at,
        calc_on=bool(row.calc_on),
        assignee_id=row.assignee_id,
        why=row.why or "",
        examples=row.examples or "",
    )


def to_line(row: CostLineRow) -> CostLine:
    return CostLine(
        id=row.id,
        item_id=row.item_id,
        position=row.position,
        description=row.description,
        quantity=amount(decimal_text(row.quantity), QUANTITY_PLACES),
        unit=row.unit,
        unit_price=amount(decimal_text(row.unit_price), PRICE_PLACES),
        kind=LineKind(row.kind),
    )
