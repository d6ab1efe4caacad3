"""Tests of planner.ui.window: the main window, its keys, its parts and what it remembers."""
