"""Settings for the test suite: the real settings with fast, deterministic services."""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")  # tests never read a local .env into debug mode
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-" + "x" * 40)

from epw.settings import *  # noqa: E402, F403
from epw.settings import CACHES, CONTENT_SECURITY_POLICY, DATABASES, env  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
# The test servers answer over plain HTTP: the browser has nothing to upgrade.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Redis when the environment names one (CI does), else per-process memory.
if not env.str("REDIS_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "kept": CACHES["kept"],
    }
else:
    CACHES["default"]["KEY_PREFIX"] = f"epw-test-{os.getpid()}"
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "newsletter", "fediverse"],
    }
}
# Tests that create rows directly expect to see them: the page cache is on where a test says so.
EPW_PAGE_CACHE_ENABLED = False
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# A read replica that is the test database itself, for the router's tests; reads go to the
# primary unless a test turns replicas on (tests/epw/test_db_router.py).
DATABASES = {
    "default": DATABASES["default"],
    "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}},
}
EPW_READ_REPLICAS = []
DATABASE_ROUTERS = []
