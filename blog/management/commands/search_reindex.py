"""Derive the search data of every article again: terms, full-text rows, suggestions lexicon."""

from django.core.management.base import BaseCommand

from blog.search.index import search_index_rebuild


class Command(BaseCommand):
    help = "Derive the search data of every article again (after a restore or a bulk change)."

    def handle(self, *args, **options):
        count = search_index_rebuild()
        if options["verbosity"]:
            self.stdout.write(f"{count} articles indexed.")
