"""The command line end to end: each family of commands, its output, exit status and files."""
