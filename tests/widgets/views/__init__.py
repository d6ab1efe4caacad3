"""Tests of planner.ui.tree: the lazy model, drag and drop, rows that move, big parents."""
