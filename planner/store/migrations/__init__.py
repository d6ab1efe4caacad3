"""Alembic migrations of the plan file; they ship inside the package and run at open."""
