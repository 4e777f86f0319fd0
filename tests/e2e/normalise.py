"""Two bodies compared for what a reader gets: same elements, same attributes, same text.

Whitespace is collapsed (outside <pre>), and whitespace that browsers ignore, between blocks
and at their edges or after a line break, is dropped.
"""

import re
from html.parser import HTMLParser

BLOCKS = {
    "blockquote", "caption", "dd", "dl", "dt", "figcaption", "figure", "h2", "h3", "h4", "h5",
    "h6", "hr", "li", "ol", "p", "pre", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
}  # fmt: skip
VOID = {"br", "hr", "img"}


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = ("", (), [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = (tag, tuple(sorted((name, value or "") for name, value in attrs)), [])
        self.stack[-1][2].append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1][2].append(data)


def _normalise(node, in_pre=False):
    tag, attributes, children = node
    in_pre = in_pre or tag == "pre"
    result = []
    for child in children:
        if isinstance(child, str):
            text = child if in_pre else re.sub(r"\s+", " ", child)
            if result and isinstance(result[-1], str):
                result[-1] += text
            else:
                result.append(text)
        else:
            result.append(_normalise(child, in_pre))
    if not in_pre:
        result = _trim(result, block=tag in BLOCKS or tag == "")
    return (tag, attributes, tuple(result))


def _is(item, tags):
    return isinstance(item, tuple) and item[0] in tags


def _trim(items, *, block):
    trimmed = []
    for index, item in enumerate(items):
        if isinstance(item, str):
            before = items[index - 1] if index else None
            after = items[index + 1] if index + 1 < len(items) else None
            if (block and before is None) or _is(before, BLOCKS | {"br"}):
                item = item.lstrip()
            if (block and after is None) or _is(after, BLOCKS):
                item = item.rstrip()
            if not item:
                continue
        trimmed.append(item)
    return trimmed


def html_tree(html: str):
    """The body as nested (tag, sorted attributes, children) with whitespace normalised."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return _normalise(builder.root)
