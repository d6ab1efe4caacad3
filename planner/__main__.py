"""`python -m planner` and the `planner` command: the window, or a command-line action."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from planner.cli.start import OpenWindow, plain_start

    argv = sys.argv[1:] if argv is None else argv
    # A plain start of the window does without the parsers of every command.
    outcome: int | OpenWindow | None = plain_start(argv)
    if outcome is None:
        from planner.cli.main import run

        outcome = run(argv)
    if not isinstance(outcome, OpenWindow):
        return outcome
    from planner import i18n
    from planner.cli.output import fail
    from planner.domain.errors import PlannerError
    from planner.launch import run_app

    try:
        return run_app(
            db=outcome.db,
            demo=outcome.demo,
            language=i18n.current_language(),
            in_tray=outcome.in_tray,
        )
    except PlannerError as e:  # a --db or PLANNER_DB that cannot name a plan
        return fail(str(e))


if __name__ == "__main__":
    sys.exit(main())
