"""The calculation on the command line: cost on/off, add, edit, rm, list, currency, show
--json with exact totals; bad numbers exit 1 with one line and leave the plan
byte-identical."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.built_plan import Plan
from tests.helpers.cli import Cli, Result
from tests.helpers.unchanged import unchanged

EN = {"LC_ALL": "en_US.UTF-8", "LANGUAGE": ""}
DE = {"LC_ALL": "de_DE.UTF-8", "LANGUAGE": ""}


def test_cost_lines_and_totals(cli: Cli, plan: Plan) -> None:
    run, shoes = plan["Run a marathon"], plan["Buy shoes"]
    week = plan["Week 1"]
    cli(plan.path, "currency", "usd").ok()
    assert cli(plan.path, "currency").ok().out == "USD\n"
    for item in (run, shoes, week):
        cli(plan.path, "cost", "on", item).ok()
    fee = int(cli(plan.path, "cost", "add", run, "Race fee", "1", "120.5", env=EN).ok().out)
    shoes_line = cli(plan.path, "cost", "add", shoes, "Shoes", "2", "89,99", env=DE).ok().out
    gel = int(cli(plan.path, "cost", "add", week, "Gels", "12", "1.25", "--unit", "packs").ok().out)
    prize = cli(plan.path, "cost", "add", run, "Prize", "1", "50", "--income").ok().out
    assert len({fee, int(shoes_line), gel, int(prize)}) == 4

    shown = cli(plan.path, "show", run, "--json").ok().json
    assert shown["calc_on"] is True
    assert [line["description"] for line in shown["lines"]] == ["Race fee", "Prize"]
    assert shown["lines"][0]["unit_price"] == "120.5"
    assert shown["currency"] == "USD"
    totals = shown["totals"]
    # 120.5 + 2 × 89.99 (done: Buy shoes) + 12 × 1.25; income 50.
    assert totals["expense"] == "315.48"
    assert totals["expense_done"] == "179.98"
    assert totals["expense_remaining"] == "135.5"
    assert totals["income"] == "50"
    assert totals["net"] == "-265.48"
    assert totals["lines"] == 4

    cli(plan.path, "cost", "edit", gel, "--quantity", "10", "--unit-price", "1.5", "--income").ok()
    line = cli(plan.path, "show", week, "--json").ok().json["lines"][0]
    assert (line["quantity"], line["unit_price"], line["kind"]) == ("10", "1.5", "income")

    out = cli(plan.path, "cost", "list", run, env=EN).ok().out
    assert f"line #{fee}  Race fee: 1 × 120.5 = $120.50" in out
    assert f"from Buy shoes  #{shoes}: $179.98" in out
    assert "Expenses: $300.48  (done $179.98, remaining $120.50)" in out
    # One convention everywhere: a cost plain, money coming in with "+".
    assert "Net:      $235.48" in out
    assert "Incomes:  +$65.00  (done $0.00, remaining +$65.00)" in out
    assert "Prize (income): 1 × 50 = +$50.00" in out

    cli(plan.path, "cost", "off", shoes).ok()
    assert cli(plan.path, "show", run, "--json").ok().json["totals"]["expense"] == "120.5"
    cli(plan.path, "cost", "rm", fee).ok()
    assert [x["description"] for x in cli(plan.path, "show", run, "--json").ok().json["lines"]] == [
        "Prize"
    ]


BAD_NUMBERS = [
    ("abc", "1", "Quantity 'abc' is not a number"),
    ("NaN", "1", "finite"),
    ("Infinity", "1", "finite"),
    ("-inf", "1", "finite"),
    ("1", "-nan", "finite"),
    ("-1e3", "1", "cannot be negative"),
    ("-2", "1", "cannot be negative"),
    ("1", "-5", "cannot be negative"),
    ("0.0000001", "1", "at most 6 decimal places"),
    ("1", "0.00001", "at most 4 decimal places"),
    ("1000000000001", "1", "at most 1,000,000,000,000"),
    ("1000000", "1000001", "at most 10\\^12"),
]


def test_bad_numbers_are_refused_and_the_plan_is_unchanged(cli: Cli, plan: Plan) -> None:
    item = plan["Week 2"]
    cli(plan.path, "cost", "on", item).ok()
    line = cli(plan.path, "cost", "add", item, "Water", "1", "2").ok().out.strip()
    runs: list[tuple[tuple[object, ...], str]] = []
    for quantity, price, message in BAD_NUMBERS:
        runs.append((("cost", "add", item, "X", quantity, price), message))
        runs.append(
            (("cost", "edit", line, "--quantity", quantity, "--unit-price", price), message)
        )
    runs += [
        (("cost", "add", plan["Week 1"], "X", "1", "1"), "Calculation is off"),
        (("cost", "rm", 99999), "no cost line"),
        (("cost", "on", plan["Health"]), "group"),
        (("currency", "dollars"), "not a currency code"),
        (("cost", "edit", line), "Nothing to change"),
    ]

    def run(args: tuple[object, ...]) -> Result:
        return cli(plan.path, *args, env=EN)

    with unchanged(plan.path):
        results = [run(args) for args, _ in runs]
    for (args, message), result in zip(runs, results, strict=True):
        assert result.code == 1, args
        result.refused(message)


def test_export_and_import_carry_the_calculation(cli: Cli, plan: Plan, tmp_path: Path) -> None:
    kitchen = plan["Renovate kitchen"]
    cli(plan.path, "currency", "CHF").ok()
    cli(plan.path, "cost", "on", kitchen).ok()
    cli(plan.path, "cost", "add", kitchen, "Tiles", "12.5", "30.2525", "--unit", "m²").ok()
    cli(plan.path, "cost", "add", kitchen, "Old sink", "1", "40", "--income").ok()
    out = tmp_path / "kitchen.json"
    cli(plan.path, "export", "--item", kitchen, "--format", "json", "-o", out).ok()
    other = tmp_path / "other.sqlite3"
    new_id = int(cli(other, "import", out).ok().out)
    assert cli(other, "currency").ok().out == "CHF\n"
    shown = cli(other, "show", new_id, "--json").ok().json
    assert shown["calc_on"] is True
    assert [
        (x["description"], x["quantity"], x["unit_price"], x["unit"], x["kind"])
        for x in shown["lines"]
    ] == [
        ("Tiles", "12.5", "30.2525", "m²", "expense"),
        ("Old sink", "1", "40", "", "income"),
    ]
    assert shown["totals"]["expense"] == "378.15625"
    assert shown["totals"]["net"] == "-338.15625"
