"""Alphabetical order as French readers expect it: « accessibilité » before « SEO », « écriture »
between « dates » and « fiches », whatever the database's collation."""

import unicodedata


def sort_key(text: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return base.casefold(), text
