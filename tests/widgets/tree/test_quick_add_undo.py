"""A quick entry is one step of the window's undo history: the controller runs it, the tree
shows the new item with its total, one undo takes it all away, one redo brings it back."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication

from planner.services.costs import CostService
from planner.services.people import PeopleService
from planner.services.plan import PlanService
from planner.services.quick_add import QuickAddService
from planner.ui.controller import PlanController
from planner.ui.tree.model import PlanTreeModel


def titles(model: PlanTreeModel, parent: QModelIndex) -> list[str]:
    model.load_rows(parent)  # the row's list, read whole (as a view opening it has it)
    return [str(model.index(r, 0, parent).data()) for r in range(model.rowCount(parent))]


def test_a_quick_entry_is_one_undo_step(service: PlanService, qapp: QApplication) -> None:
    group = service.first_group()
    assert group is not None
    PeopleService(service.store).add_person("Ana")
    model = PlanTreeModel(service)
    controller = PlanController(service, model)
    goals = model.index(0, 0)
    assert titles(model, goals) == []

    quick = QuickAddService(service)
    done = controller.run(
        "Quick add", lambda: quick.add("Buy running shoes fri !high @Ana €129.99", group.id)
    )
    assert done is not None and len(done) == 1
    [item_id] = done[0].ids
    assert titles(model, goals) == ["Buy running shoes"]
    assert controller.stack.count() == 1
    assert str(CostService(service.store).totals(item_id).expense) == "129.99"

    controller.stack.undo()
    assert titles(model, goals) == []
    assert service.get_many([item_id]) == {}
    assert controller.stack.canRedo() and not controller.stack.canUndo()

    controller.stack.redo()
    assert titles(model, goals) == ["Buy running shoes"]
    record = service.get(item_id)
    assert record.priority.name == "HIGH" and record.assignee_id is not None
    assert len(CostService(service.store).lines(item_id)) == 1
