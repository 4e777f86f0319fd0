"""epw's leaf layer: helpers that import no app."""
