"""The command line: one module per family of commands (items, costs, people, images,
exchange, shares, backup) on the services, the parser and exit status in `main`, and what
happens to output that cannot be written in `output`. It never loads the window."""
