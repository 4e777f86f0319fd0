"""Django's file cache, counting its files less often.

Django's backend lists its whole folder on every write to see whether it holds more than
`MAX_ENTRIES` files. The site keeps thousands of small entries (cards, listings, fragments), and
a change of the site renews many of them at once: listing a folder of 10,000 files on each of
them made every page built after a change slow. The count is now taken on one write in
`CULL_EVERY`, on average; the folder may then exceed `MAX_ENTRIES` by about that many files
before it is culled.
"""

import random

from django.core.cache.backends.filebased import FileBasedCache as DjangoFileBasedCache

CULL_EVERY = 100


class FileBasedCache(DjangoFileBasedCache):
    def _cull(self) -> None:
        if random.randrange(CULL_EVERY) == 0:
            super()._cull()
