"""Tests of planner.domain: pure rules and figures, no file."""
