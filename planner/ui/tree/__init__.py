"""The goal tree: the lazy model (rows loaded page by page), what each row shows, drag and
drop, the view and its look."""
