"""The audience middleware alone, in process: CPU per article request, counting off then on.

    DJANGO_SETTINGS_MODULE=epw.settings EPW_VAR_DIR=… .venv/bin/python bench/audience_micro.py

Run by bench/audience.py against its seeded database, after its flush: the batches handed
off here are left in the cache, never counted. CPU time (`time.process_time`), so a busy
machine disturbs it little; the hand-offs to the cache (file or Redis) are included. Prints one
`MICRO_JSON {...}` line with microseconds per request.
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "epw.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.template.response import TemplateResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.urls import resolve  # noqa: E402

from blog.audience.recording import AudienceMiddleware, buffer  # noqa: E402
from blog.fragments import article_text  # noqa: E402
from blog.models import Article  # noqa: E402

REQUESTS = 20_000


def main() -> None:
    article = Article.objects.published().first()
    path = article.get_absolute_url()
    context = {"article": article, "article_text": article_text(article)}
    response = TemplateResponse(None, "blog/article_detail.html", context)
    middleware = AudienceMiddleware(lambda request: response)
    match = resolve(path)
    factory = RequestFactory()
    requests = []
    for i in range(REQUESTS):
        request = factory.get(
            path,
            HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Firefox/133.0",
            REMOTE_ADDR=f"10.0.{i // 250}.{i % 250}",
        )
        request.resolver_match = match
        requests.append(request)

    def per_request(enabled: bool) -> float:
        settings.EPW_AUDIENCE_ENABLED = enabled
        started = time.process_time()
        for request in requests:
            middleware(request)
        return (time.process_time() - started) / REQUESTS * 1e6

    per_request(True)  # warm up
    off = min(per_request(False) for _ in range(3))
    on = min(per_request(True) for _ in range(3))
    buffer.clear()  # measurement only: nothing of this reaches the figures
    print("MICRO_JSON", json.dumps({"off_us": round(off, 2), "on_us": round(on, 2)}))


if __name__ == "__main__":
    main()
