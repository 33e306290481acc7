"""TOTP two-factor sign-in (django-otp) for the roles that can change the whole sector."""

import base64
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.utils.module_loading import import_string
from django_otp.plugins.otp_totp.models import TOTPDevice


def needs_two_factor(user: Any) -> bool:
    """Superusers always; others as the policy says (settings.THIDUA_TWO_FACTOR_POLICY).

    The policy lives with the roles (org), which core may not import; it is looked up by name.
    """
    if user.is_superuser:
        return True
    policy = getattr(settings, "THIDUA_TWO_FACTOR_POLICY", "")
    return bool(policy) and import_string(policy)(user)


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed device being enrolled (one per user), created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="thidua", confirmed=False)


def device_secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode()


def device_qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()
