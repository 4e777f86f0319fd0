"""The shared cache, with what this process last read of it kept in its own memory.

For values that never change under their key: cards, listings, article texts, layout
fragments and whatever else is kept for the rest of a site generation. Their keys name exactly
what they hold (an article's version, the site generation, the chrome's stamp), so the value
under such a key is always the same; it can only be missing. Reading it again from the shared
cache (a file to open and unpickle, or a round trip to Redis) is then wasted work: this backend
answers from a small per-process LRU first, and reads and writes the shared cache behind it,
which stays the one place every process fills.

Never use it for a key whose value changes (the chrome, the generation, counters, kept pages):
another process would go on answering the old value.

    CACHES["kept"] = {
        "BACKEND": "epw.core.kept_cache.KeptCache",
        "LOCATION": "default",              # the shared cache behind it
        "OPTIONS": {"MAX_ENTRIES": 1000},   # per process
    }
"""

import threading
from collections import OrderedDict
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

ALIAS = "kept"
_MISSING = object()


def kept_cache() -> BaseCache:
    """The cache for values that never change under their key (see above)."""
    return caches[ALIAS]


class _Recent:
    """The values this process last used, most recent last, shared by its threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.values: OrderedDict[str, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            value = self.values.get(key, _MISSING)
            if value is not _MISSING:
                self.values.move_to_end(key)
            return value

    def put(self, key: str, value: Any) -> None:
        with self.lock:
            self.values[key] = value
            self.values.move_to_end(key)
            while len(self.values) > self.size:
                self.values.popitem(last=False)

    def forget(self, key: str) -> None:
        with self.lock:
            self.values.pop(key, None)

    def clear(self) -> None:
        with self.lock:
            self.values.clear()


_recent: dict[str, _Recent] = {}  # one per shared cache, whatever the thread


class KeptCache(BaseCache):
    def __init__(self, location: str, params: dict) -> None:
        super().__init__(params)
        self.shared_alias = location or "default"
        self.recent = _recent.setdefault(self.shared_alias, _Recent(self._max_entries))

    @property
    def shared(self) -> BaseCache:
        return caches[self.shared_alias]

    def _local(self, key: str, version: int | None) -> str:
        return self.make_and_validate_key(key, version=version)

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        local = self._local(key, version)
        value = self.recent.get(local)
        if value is _MISSING:
            value = self.shared.get(key, _MISSING, version=version)
            if value is _MISSING:
                return default
            self.recent.put(local, value)
        return value

    def get_many(self, keys, version: int | None = None) -> dict[str, Any]:
        found, unknown = {}, []
        for key in keys:
            value = self.recent.get(self._local(key, version))
            if value is _MISSING:
                unknown.append(key)
            else:
                found[key] = value
        if unknown:
            read = self.shared.get_many(unknown, version=version)
            for key, value in read.items():
                self.recent.put(self._local(key, version), value)
            found.update(read)
        return found

    def set(self, key: str, value: Any, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self.shared.set(key, value, self._timeout(timeout), version=version)
        self.recent.put(self._local(key, version), value)

    def set_many(self, data: dict, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        failed = self.shared.set_many(data, self._timeout(timeout), version=version)
        for key, value in data.items():
            if key not in failed:
                self.recent.put(self._local(key, version), value)
        return failed

    def add(self, key: str, value: Any, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        added = self.shared.add(key, value, self._timeout(timeout), version=version)
        if added:
            self.recent.put(self._local(key, version), value)
        return added

    def touch(self, key: str, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self.shared.touch(key, self._timeout(timeout), version=version)

    def delete(self, key: str, version: int | None = None) -> bool:
        self.recent.forget(self._local(key, version))
        return self.shared.delete(key, version=version)

    def has_key(self, key: str, version: int | None = None) -> bool:
        return self.get(key, _MISSING, version=version) is not _MISSING

    def clear(self) -> None:
        """Forget what this process kept; the shared cache is cleared by its own alias."""
        self.recent.clear()

    def _timeout(self, timeout):
        return self.default_timeout if timeout is DEFAULT_TIMEOUT else timeout
