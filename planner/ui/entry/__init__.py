"""Fields that read what the user types: dates in words, quick entries, people's names."""
