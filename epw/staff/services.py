"""Enrolling and removing a staff member's own TOTP devices (authenticator apps)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice

from blog.models import SiteSettings


class SecondFactorError(Exception):
    """A refused change to a staff member's devices; the message is for them."""


def totp_device_pending(*, user: AbstractBaseUser) -> TOTPDevice | None:
    """The device being enrolled (created, not yet confirmed by a code), if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


@transaction.atomic
def totp_device_start(*, user: AbstractBaseUser) -> TOTPDevice:
    """Start enrolling an authenticator app: a new secret, replacing any unconfirmed one."""
    if not user.is_staff:
        raise SecondFactorError(
            _("Seuls les membres de la rédaction ont une double authentification.")
        )
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str, name: str) -> TOTPDevice:
    """Confirm a pending device with a code it shows: from now on, logging in needs one."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed:
        raise SecondFactorError(_("Cet appareil est déjà confirmé."))
    if not device.verify_token(token):
        raise SecondFactorError(
            _(
                "Ce code ne correspond pas : vérifiez l’heure de votre téléphone et saisissez "
                "le code affiché."
            )
        )
    device.name = name
    device.confirmed = True
    device.save(update_fields=["name", "confirmed"])
    return device


@transaction.atomic
def totp_device_remove(*, device: TOTPDevice, by: AbstractBaseUser, required: bool) -> None:
    """Remove one of one's own devices; never the last one while the site requires one."""
    if device.user_id != by.pk:
        raise SecondFactorError(_("Vous ne pouvez retirer que vos propres appareils."))
    confirmed = TOTPDevice.objects.select_for_update().filter(user=by, confirmed=True)
    if required and device.confirmed and confirmed.exclude(pk=device.pk).count() == 0:
        raise SecondFactorError(
            _(
                "La double authentification est obligatoire sur ce site : ajoutez un autre "
                "appareil avant de retirer le dernier."
            )
        )
    device.delete()


def second_factor_required() -> bool:
    """Whether the Rédaction en chef requires a second factor of every staff member."""
    return SiteSettings.objects.filter(pk=1, require_second_factor=True).exists()


def has_confirmed_device(user: AbstractBaseUser) -> bool:
    return user_has_device(user, confirmed=True)


@transaction.atomic
def device_matching(*, user: AbstractBaseUser, token: str) -> Device | None:
    """The confirmed device of `user` that accepts `token` (each refusal slows that device down)."""
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if device.verify_token(token):
            return device
    return None
