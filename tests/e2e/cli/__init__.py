"""The command line end to end: each family of commands, its output, exit status and files.

Most run `planner` in the test's process (`cli`: planner.cli.main.run, its output and exit
status as a child's would be); the tests marked `e2e` run real `python -m planner`
processes where the process itself counts: closed standard streams and /dev/full, another
user, two processes racing, a lock held by another process, argument bytes that are not
UTF-8, a process that dies mid-change."""
