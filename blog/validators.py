"""Validators of model fields shared by the blog's models."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# A path of this site: one "/" then no second slash or backslash (browsers read "//host" and
# "/\host" as another site) and no space or control character.
_SITE_PATH = re.compile(r"/(?![/\\])[^\s\\\x00-\x1f\x7f]*")
_web_url = URLValidator(schemes=["http", "https"])


def validate_link(value: str) -> None:
    """A page of this site (« /a-propos/ ») or a web address (http:// or https://)."""
    if _SITE_PATH.fullmatch(value):
        return
    try:
        _web_url(value)
    except ValidationError:
        raise ValidationError(
            _(
                "Indiquez une adresse du site commençant par « / » (par exemple /a-propos/) "
                "ou une adresse web complète commençant par http:// ou https://."
            ),
            code="invalid_link",
        ) from None
