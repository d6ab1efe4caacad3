"""What several test files share, one module per job: a clock (clock), the command line run
as a process or in this one (cli), the plan the command-line tests work on (built_plan), a
plan file unchanged by hash (unchanged), files that are not plans (bad_files), plans left
with their log (logs), image files (image_files), the card's test plan (cards), driving the
window (window), the window and the command line as two processes (plan_sides), killing a
process mid-change (crash_harness), a tree's canonical picture (tree_snapshot), running
as another user (other_user) and the scan for words not marked for translation
(marking_scan). Fixtures built on them are in the conftest.py files."""
