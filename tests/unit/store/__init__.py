"""Tests of planner.store: plan files, the quick and full stores, the log, backups, crashes."""
