"""Exchange formats and share cards, built on the services."""
