"""The main window: its menus, what it does to items, people and costs, undo, and the
timers that keep it current (the date, other programs' changes, garbage collection)."""
