"""Tests of the window (planner.ui) on real plan files, by screen area."""
