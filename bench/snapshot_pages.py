"""Render every public page of the demo site into a folder, to compare two versions of the code.

    .venv/bin/python bench/snapshot_pages.py /tmp/pages-before    # on the old checkout
    .venv/bin/python bench/snapshot_pages.py /tmp/pages-after     # on the new one
    diff -r /tmp/pages-before /tmp/pages-after && echo identical

A refactoring that should change nothing a reader sees is checked this way. The script builds a
fresh SQLite database in a temporary folder, seeds the demo content with the clock frozen, then
follows every link of the site from the home page (plus feeds, the sitemap, a search, the English
interface and a page that does not exist), as an anonymous reader and then as a remembered
commenter. What differs on every request by design (CSP nonces, CSRF tokens, the forms' time-trap
stamps, random upload names) is replaced by stable placeholders before the page is written.
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import sys
import tempfile
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FROZEN_AT = "2026-03-18 09:30:00+01:00"
EXTRA_PATHS = [
    "/flux/",
    "/flux/atom/",
    "/sitemap.xml",
    "/recherche/?q=lecteur",
    "/recherche/?q=",
    "/page-qui-n-existe-pas/",
]
SKIPPED_PREFIXES = ("/admin/", "/media/", "/static/", "/i18n/", "/healthz")
LINK = re.compile(r"""(?:href|action)="(/[^"]*)\"""")
VOLATILE = [
    (re.compile(r'nonce="[^"]+"'), 'nonce="NONCE"'),
    (re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"'), r'\1CSRF"'),
    (re.compile(r'(name="[a-z_]*stamp" value=")[^"]+"'), r'\1STAMP"'),
    (re.compile(r'(name="security_hash" value=")[^"]+"'), r'\1HASH"'),
    (re.compile(r'(name="timestamp" value=")[^"]+"'), r'\1TIME"'),
]


def seeded_token(rng: random.Random):
    def token(nbytes: int | None = None) -> str:
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(22))

    return token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the pages into (emptied first)")
    parser.add_argument("--limit", type=int, default=600, help="at most this many pages")
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="epw-snapshot-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="epw.settings",
        EPW_VAR_DIR=var_dir,
        DJANGO_DEBUG="1",
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    rng = random.Random(20260318)
    secrets.token_urlsafe = seeded_token(rng)
    secrets.token_hex = seeded_token(rng)

    import time_machine

    with time_machine.travel(FROZEN_AT, tick=False):
        import django

        django.setup()
        from django.core import signing
        from django.core.management import call_command
        from django.test import Client

        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0)
        args.out.mkdir(parents=True, exist_ok=True)
        for old in args.out.iterdir():
            old.unlink()
        reader = Client(HTTP_ACCEPT_LANGUAGE="fr")
        count = crawl(reader, "reader", args.out, args.limit)
        commenter = Client(HTTP_ACCEPT_LANGUAGE="fr")
        commenter.cookies["epw_commentateur"] = signing.get_cookie_signer(
            salt="epw_commentateur" + "comments.remember"
        ).sign('{"name": "Lou", "email": "lou@example.org", "url": ""}')
        count += crawl(commenter, "commenter", args.out, 60)
        english = Client(HTTP_ACCEPT_LANGUAGE="en")
        english.cookies["django_language"] = "en"
        count += crawl(english, "en", args.out, 40)
        print(f"{count} pages written to {args.out}")


def crawl(client, who: str, out: Path, limit: int) -> int:
    queue = deque(["/", *EXTRA_PATHS])
    seen = set(queue)
    written = 0
    while queue and written < limit:
        path = queue.popleft()
        response = client.get(path)
        body = response.content.decode("utf-8", "replace")
        for pattern, placeholder in VOLATILE:
            body = pattern.sub(placeholder, body)
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", path.strip("/")) or "home"
        (out / f"{who}__{name}.html").write_text(f"{response.status_code}\n{body}")
        written += 1
        if "html" not in response.get("Content-Type", ""):
            continue
        for link in LINK.findall(body):
            link = urldefrag(link.replace("&amp;", "&"))[0]
            if link.startswith(SKIPPED_PREFIXES) or urlsplit(link).netloc:
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return written


if __name__ == "__main__":
    main()
