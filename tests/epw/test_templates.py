"""Every template parses into what its author meant.

Django reads a tag or a variable only when it fits on one line: one split over two lines is
printed as it stands, so a reader or a recipient would see raw template syntax.
"""

from pathlib import Path

import pytest
from django.template import engines
from django.template.base import TextNode

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").rglob("*.*"))


def _text_nodes(nodelist):
    for node in nodelist:
        if isinstance(node, TextNode):
            yield node
        for attr in getattr(node, "child_nodelists", ()):
            yield from _text_nodes(getattr(node, attr, None) or [])


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_tag_or_variable_is_left_as_text(path):
    template = engines["django"].from_string(path.read_text(encoding="utf-8"))
    leftovers = [
        node.s.strip()[:60]
        for node in _text_nodes(template.template.nodelist)
        if "{%" in node.s or "{{" in node.s
    ]
    assert leftovers == []
