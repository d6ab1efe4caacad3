"""A plan as an earlier version of Planner wrote it: its schema taken back by Alembic."""

from __future__ import annotations

from pathlib import Path


def downgrade(path: Path, revision: str) -> None:
    """The plan as an earlier version of Planner wrote it (Alembic's downgrade)."""
    from alembic import command
    from alembic.config import Config

    from planner.store.plan_file import MIGRATIONS_DIR, make_engine

    engine = make_engine(path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
            connection.commit()
    finally:
        engine.dispose()
