"""TreeQueries.lists_of: many lists of rows in one read, each as the tree shows it (the
same rows, in the same order, as reading each list by itself)."""

from __future__ import annotations

from planner.domain.items import Status
from planner.domain.new_node import NewNode
from planner.services.plan import PlanService
from planner.services.queries import TreeQueries

LIST_OF = {Status.ACTIVE: 0, Status.DONE: 1, Status.DELETED: 2}


def test_lists_of_many_parents_match_each_list_read_alone(service: PlanService) -> None:
    group = service.first_group()
    assert group is not None
    trees = [
        NewNode(
            title=f"Goal {g}",
            children=[NewNode(title=f"Task {g}.{t}") for t in range(5)]
            + [NewNode(title=f"Finished {g}", status=Status.DONE)],
        )
        for g in range(3)
    ]
    service.add_trees(group.id, trees)
    goals = [r.id for r in service.children(group.id)]
    tasks = [r.id for r in service.children(goals[0]) if r.status is Status.ACTIVE]
    service.create_item(goals[0], "Put first", index=0)  # (its position before the rest)
    service.delete([tasks[2]])
    queries = TreeQueries(service.store)
    read = queries.lists_of([*goals, tasks[0], 10**12])  # (a task with none; no such id)
    by_list: dict[tuple[int, int], list[int]] = {}
    for item_id, parent_id, listed in read:
        by_list.setdefault((parent_id, listed), []).append(item_id)
    expected = {}
    for goal in goals:
        for status, listed in LIST_OF.items():
            ids, _counted = queries.child_list(goal, status)
            if ids:
                expected[(goal, listed)] = ids
    assert by_list == expected
    assert [parent for _id, parent, _list in read] == sorted(p for _id, p, _l in read)
