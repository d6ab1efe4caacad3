"""Tests of planner.exports: the exchange formats, the card and its renderings, output files."""
