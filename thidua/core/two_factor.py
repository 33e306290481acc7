"""TOTP two-factor sign-in (django-otp) for the roles that can change the whole sector."""

import base64
import io
from typing import Any

import qrcode
import qrcode.image.svg
from django_otp.plugins.otp_totp.models import TOTPDevice

# Roles whose accounts must use a second factor; kept as a setting-like constant in one place.
TWO_FACTOR_ROLES = {"system_admin", "secretariat"}


def needs_two_factor(user: Any) -> bool:
    if user.is_superuser:
        return True
    return user.role_assignments.filter(role__in=TWO_FACTOR_ROLES).exists()


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
