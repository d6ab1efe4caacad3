"""`planner share`, `shares`, `revoke`; a live share made on the command
line is rewritten by the next command that changes the plan, and only then."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.built_plan import Plan
from tests.helpers.cli import Cli
from tests.helpers.unchanged import unchanged


def test_share_live_refresh_and_revoke(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    run = plan["Run a marathon"]
    card = tmp_path / "card.html"
    share_id = int(cli(plan.path, "share", run, "--format", "html", "-o", card, "--live").ok().out)
    once = tmp_path / "once.html"
    cli(plan.path, "share", run, "--format", "html", "-o", once).ok()
    assert "Week 2" in card.read_text() and str(plan.path) not in card.read_text()
    listed = cli(plan.path, "shares", "--json").ok().json
    assert [(s["id"], s["live"], s["file"]) for s in listed] == [
        (share_id, True, str(card)),
        (share_id + 1, False, str(once)),
    ]
    written = card.stat().st_mtime_ns
    with unchanged(plan.path):
        cli(plan.path, "list").ok()
    assert card.stat().st_mtime_ns == written
    cli(plan.path, "edit", plan["Week 2"], "--title", "Week two").ok()
    assert "Week two" in card.read_text() and "Week two" not in once.read_text()
    # A change the card does not show leaves the file alone.
    written = card.stat().st_mtime_ns
    cli(plan.path, "edit", plan["Pick tiles"], "--title", "Pick grey tiles").ok()
    assert card.stat().st_mtime_ns == written
    assert f"{share_id}  html  live" in cli(plan.path, "shares").ok().out.replace("   ", " ")
    result = cli(plan.path, "revoke", share_id).ok()
    assert "Deleted" in result.err and not card.exists()
    once.unlink()
    assert "already gone" in cli(plan.path, "revoke", share_id + 1).ok().err
    assert cli(plan.path, "shares", "--json").ok().json == []
    cli(plan.path, "revoke", 99).refused("no share with id 99")


def test_share_refused_cleanly(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    with unchanged(plan.path):
        cli(
            plan.path, "share", plan["Old idea"], "--format", "pdf", "-o", tmp_path / "x.pdf"
        ).refused("deleted")
        cli(
            plan.path, "share", plan["Health"], "--format", "png", "-o", tmp_path / "x.png"
        ).refused("one goal or task")
        cli(plan.path, "share", plan["Week 1"], "--format", "html", "-o", plan.path).refused(
            "plan file itself"
        )
    assert list(tmp_path.glob("x.*")) == []


def test_a_live_pdf_keeps_its_page_size_when_rewritten(
    cli: Cli, plan: Plan, tmp_path: Path
) -> None:
    """A Letter card stays Letter when the plan's page size is A4 (it was rewritten A4)."""
    import pypdf

    def page_size(path: Path) -> tuple[int, int]:
        box = pypdf.PdfReader(path).pages[0].mediabox
        return round(float(box.width)), round(float(box.height))

    run = plan["Run a marathon"]
    letter, a4 = tmp_path / "letter.pdf", tmp_path / "a4.pdf"
    cli(plan.path, "share", run, "--format", "pdf", "-o", letter, "--live", "--page", "letter").ok()
    cli(plan.path, "share", run, "--format", "pdf", "-o", a4, "--live", "--page", "a4").ok()
    assert page_size(letter) == (612, 792) and page_size(a4) == (595, 842)
    before = letter.read_bytes()
    cli(plan.path, "edit", plan["Week 2"], "--title", "Week two").ok()
    assert letter.read_bytes() != before  # rewritten
    assert page_size(letter) == (612, 792) and page_size(a4) == (595, 842)
