"""Filters of the comment templates: commenters' initials and avatar colours, echoed input.

The block's content (threads, pages, reply target, the form) comes from the view, see
`blog.comments.display`.
"""

from __future__ import annotations

import hashlib
import unicodedata

from django import template

register = template.Library()

AVATAR_COLOURS = 6


@register.filter
def initials(name: str) -> str:
    """One or two capital letters standing for a commenter (no third-party avatar service)."""
    words = [word for word in str(name).split() if word[:1].isalnum()]
    letters = "".join(word[0] for word in words[:2]).upper()
    return letters or "?"


@register.filter
def avatar_colour(name: str) -> int:
    """A stable colour number for a commenter's initials."""
    return (
        int(hashlib.md5(str(name).encode(), usedforsecurity=False).hexdigest(), 16) % AVATAR_COLOURS
    )


@register.filter
def printable(value) -> str:
    """Submitted text echoed back into the form, without NUL and other control characters."""
    return "".join(
        char for char in str(value) if char in "\n\r\t" or unicodedata.category(char) != "Cc"
    )
