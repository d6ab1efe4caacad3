"""The panel beside the tree: every field of the selected item, in three tabs (Details,
Action Plan, Calculation); each edit is one undoable step."""
