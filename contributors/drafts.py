"""Applicants' drafts as HTML: the draft editor's allow-list, the article one without images.

The draft editor has no image button, and an image in a draft would be fetched from wherever
its address points whenever an editor or the applicant opens it (a tracker, say). Images are
replaced by their alternative text when it is short plain text, and dropped otherwise.
"""

from __future__ import annotations

import html
import re

from epw.core.html import sanitize_html

MAX_ALT_LENGTH = 200
# In sanitised HTML every attribute value is double-quoted and holds no double quote.
IMAGE = re.compile(r'<img\b((?:[^>"]|"[^"]*")*)>')
ATTRIBUTE = re.compile(r'([^\s=/>]+)(?:="([^"]*)")?')


def _alt_text(match: re.Match) -> str:
    attributes = dict(ATTRIBUTE.findall(match.group(1)))
    alt = " ".join(html.unescape(attributes.get("alt", "")).split())
    return html.escape(alt, quote=False) if len(alt) <= MAX_ALT_LENGTH else ""


def sanitize_draft(body: str) -> str:
    """A draft's HTML, sanitised for the article allow-list minus images and figures."""
    return sanitize_html(IMAGE.sub(_alt_text, sanitize_html(body, bare_images=True)), kind="draft")
