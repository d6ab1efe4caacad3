"""The desktop window: Qt widgets, the tree model, undo commands, dialogs."""
