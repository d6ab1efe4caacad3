"""Tests of planner.services on real plan files: every change, its rules and its undo."""
