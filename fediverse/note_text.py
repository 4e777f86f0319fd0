"""A fediverse post's HTML as a comment's plain text, and a comment's text as a post's HTML.

Comments are plain text, shown with their addresses made into links. A post's links therefore
become their addresses (Mastodon shortens what it displays, never the href), mentions and
hashtags stay as they read (« @ana », « #écriture »), paragraphs and line breaks stay.
"""

from __future__ import annotations

from html.parser import HTMLParser

from django.conf import settings
from django.utils.html import escape, linebreaks

BLOCKS = {"p", "div", "blockquote", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.link: str | None = None  # the address of a link whose words are replaced by it
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "br":
            self.parts.append("\n")
        elif tag in BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.link is None:
            href = attributes.get("href") or ""
            classes = (attributes.get("class") or "").split()
            is_tag = {"mention", "hashtag"} & set(classes) or attributes.get("rel") == "tag"
            if href.startswith(("https://", "http://")) and not is_tag:
                self.link = href
                self.parts.append(href)
                self.hidden += 1
        elif tag in {"script", "style"}:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag == "a" and self.link is not None:
            self.link = None
            self.hidden -= 1
        elif tag in {"script", "style"}:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """The words of a post's HTML, links as their addresses, cut to a comment's length."""
    parser = _Text()
    parser.feed(html or "")
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)[: settings.EPW_COMMENTS_MAX_LENGTH]


def html(text: str) -> str:
    """A comment's plain text as the paragraphs of a post."""
    return linebreaks(escape(text))
