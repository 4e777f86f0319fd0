"""Form media carrying the request's Content-Security-Policy nonce.

django-prose-editor's widget brings an inline ``<script type="importmap">``; the policy lets an
inline script run only with the nonce django-csp puts in the header (epw/settings.py).
"""

from django import template
from js_asset import Media

register = template.Library()


@register.simple_tag(takes_context=True)
def media_with_nonce(context, media) -> str:
    """``{% media_with_nonce form.media %}``: the media's tags, each with the request's nonce
    (generated, and added to the header, only when there is something to render)."""
    request = context.get("request")
    nonce = getattr(request, "csp_nonce", "")
    return Media.from_media(media, nonce=nonce).render()
