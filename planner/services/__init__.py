"""Use cases on an open plan: each one transaction, each returning its exact inverse."""
