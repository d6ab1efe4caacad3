"""The main window and its parts, each handed what it uses: the selection and zoom
(navigation), each action as one undoable step (steps), what is done to items, people and
costs, the menus' table, what the window remembers, and the timers that keep it current
(the date, other programs' changes, garbage collection)."""
