"""The side panels beside the tree: search, and the items assigned to a person."""
