"""Extract: spaCy components that turn repaired text into evidenced facts."""
