"""The ready-made views beside the tree: the side bar that lists them and the page that
shows one view's rows."""
