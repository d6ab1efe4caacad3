"""Tests of planner.ui.details: the details panel's sections."""
