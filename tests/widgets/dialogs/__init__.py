"""Tests of planner.ui.dialogs: a plan that cannot be opened, backups, the check."""
