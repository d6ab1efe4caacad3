"""The dialogs about the plan file and its people: a plan that cannot be opened, backups
and the check, the friends list."""
