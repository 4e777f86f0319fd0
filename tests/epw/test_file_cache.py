"""The default file cache counts its files on some writes only, and still stays bounded."""

import random

from epw.core import file_cache
from epw.core.file_cache import FileBasedCache


def test_the_folder_is_culled_without_being_listed_on_every_write(tmp_path, monkeypatch):
    cache = FileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 50}})
    listings = []
    listed = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or listed())
    random.seed(7)
    for number in range(2000):
        cache.set(f"entrée-{number}", number)
    files = len(list(tmp_path.glob("*.djcache")))
    assert files < 50 + 10 * file_cache.CULL_EVERY  # culled, with some slack between counts
    assert 0 < len(listings) < 2000 / 10  # counted on a few writes, not on each
    assert cache.get("entrée-1999") == 1999
