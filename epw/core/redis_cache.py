"""Django's Redis cache, keeping its client.

Django's backend makes a new `redis.Redis` for every cache call, and building one (it copies the
table of about 170 response callbacks) costs more CPU than reading a kept page from Redis. This
backend keeps one client per connection pool; the clients and pools are safe to share between
threads, and each process (a gunicorn worker) makes its own.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _KeptClients(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = _KeptClients
