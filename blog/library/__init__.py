"""The image library: pictures uploaded once, described once, and placed in bodies from the
editor's image dialog ("Parcourir…")."""
