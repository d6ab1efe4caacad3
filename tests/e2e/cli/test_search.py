"""`planner search` as a user runs it, in processes of its own: the true count, ranked hits
with their paths, JSON, every language, changes made since the last search, a read-only
plan, a plan from before the search index, and bad input (one line, the plan unchanged)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from planner.app import open_plan
from planner.domain.new_node import NewNode
from tests.helpers.cli import Cli
from tests.helpers.migrations import downgrade
from tests.helpers.other_user import as_other_user, run_as_other


def build(path: Path) -> dict[str, int]:
    """Goals › Reports (40 'Report n' tasks, 5 with the word in their notes only), and a few
    items in other languages. Nothing searched yet: every item waits for the index."""
    service = open_plan(path, create=True)
    try:
        group = service.first_group()
        assert group is not None
        reports = NewNode(title="Reports")
        reports.children = [NewNode(title=f"Report {n}") for n in range(40)]
        reports.children += [
            NewNode(title=f"Week {n}", notes="the report is due") for n in range(5)
        ]
        others = [
            NewNode(title="Отчёт о поездке", notes="这个项目非常重要"),
            NewNode(title="Café in São Bento"),
        ]
        service.add_trees(group.id, [reports, *others])
        return {r.title: r.id for r in service.all_items()}
    finally:
        service.store.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_true_count_and_the_ranked_hits_with_their_paths(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    ids = build(path)
    result = cli(path, "search", "REPORT", "--limit", "3")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "46 matches"  # Reports, 40 Report n, 5 with it in their notes
    assert lines[1] == f"[ ] Report 0  #{ids['Report 0']}  (Goals › Reports)"  # whole word
    assert lines[2] == f"[ ] Report 1  #{ids['Report 1']}  (Goals › Reports)"
    assert lines[4] == "… and 43 more (--limit N shows more)"
    assert len(lines) == 5
    data = json.loads(cli(path, "search", "report", "--json", "--limit", "50").out)
    assert data["count"] == 46 and len(data["hits"]) == 46
    assert data["hits"][-1] == {
        "id": ids["Week 4"],
        "title": "Week 4",
        "kind": "task",
        "status": "active",
        "path": ["Goals", "Reports"],
    }
    counted = cli(path, "search", "report", "--limit", "0")
    assert counted.out.splitlines() == ["46 matches", "… and 46 more (--limit N shows more)"]


def test_every_language_and_changes_made_since(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    ids = build(path)
    found = cli(path, "search", "отчет", "项目")
    assert found.out.splitlines() == [
        "1 match",
        f"[ ] Отчёт о поездке  #{ids['Отчёт о поездке']}  (Goals)",
    ]
    assert cli(path, "search", "CAFE sao").out.startswith("1 match\n")
    assert cli(path, "add", "Reportage", "--group", str(ids["Goals"])).code == 0
    con = sqlite3.connect(path)  # another program: its triggers only mark the rows
    con.execute("UPDATE items SET title = 'Memo 0' WHERE title = 'Report 0'")
    con.commit()
    con.close()
    assert cli(path, "search", "report", "--limit", "0").out.startswith("46 matches\n")
    assert cli(path, "search", "memo").out.startswith("1 match\n")
    assert cli(path, "search", "nothing-like-this").out == "No matches\n"


def test_nothing_to_search_for_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    build(path)
    before = digest(path)
    result = cli(path, "search", " ,. ")
    assert (result.code, result.out) == (1, "")
    assert result.err == "planner: Nothing to search for: give a word to find.\n"
    assert digest(path) == before
    bad = cli(path, "search", "report", "--limit", "-3")
    assert bad.code == 2 and "a whole number, 0 or more: -3" in bad.err
    assert digest(path) == before


def test_a_read_only_plan_is_searched_as_it_is(base_env: dict[str, str], shared_dir: Path) -> None:
    """Its index cannot be written: the items it has not caught up with (all of them
    here) are checked one by one; the file is not changed."""
    path = shared_dir / "plan.sqlite3"
    ids = build(path)
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    path.chmod(0o444)
    before = digest(path)
    as_other_user()  # skips where no other user can be had
    result = run_as_other(base_env, path, "search", "report", "--limit", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "46 matches",
        f"[ ] Report 0  #{ids['Report 0']}  (Goals › Reports)",
    ]
    assert digest(path) == before


def test_a_plan_from_before_the_index_is_upgraded_and_searched(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.sqlite3"
    build(path)
    downgrade(path, "0008")
    result = cli(path, "search", "report", "--limit", "0")
    assert result.code == 0 and result.out.startswith("46 matches\n"), result.err
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0010",)
        assert con.execute("SELECT count(*) FROM search_stale").fetchone() == (0,)
    finally:
        con.close()


def test_searching_loads_no_sqlalchemy(tmp_path: Path) -> None:
    """Catching the index up writes on the connection the plan was read with."""
    path = tmp_path / "plan.sqlite3"
    build(path)
    script = textwrap.dedent(
        f"""
        import sys
        from planner.cli.main import run
        code = run(["--db", {str(path)!r}, "search", "report", "--limit", "1"])
        print(code, "sqlalchemy" in sys.modules)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[-1] == "0 False"
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT count(*) FROM search_stale").fetchone() == (0,)
    finally:
        con.close()
