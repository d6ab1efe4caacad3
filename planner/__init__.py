"""Planner: a desktop goal planner kept in one SQLite file."""

__version__ = "0.1.0"
