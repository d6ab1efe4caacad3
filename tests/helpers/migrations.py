"""A plan as an earlier version of Planner wrote it: its schema made, or taken back, by
Alembic to an earlier revision."""

from __future__ import annotations

from pathlib import Path


def plan_at(path: Path, revision: str) -> None:
    """A new plan file whose schema is at `revision` (Alembic's upgrade from nothing)."""
    _alembic(path, "upgrade", revision)


def downgrade(path: Path, revision: str) -> None:
    """The plan as an earlier version of Planner wrote it (Alembic's downgrade)."""
    _alembic(path, "downgrade", revision)


def _alembic(path: Path, direction: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    from planner.store.plan_file import MIGRATIONS_DIR, make_engine

    engine = make_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            getattr(command, direction)(config, revision)
            connection.commit()
    finally:
        engine.dispose()
