"""One demo account per role, with a known password, and the table the command prints.

Django has no audit history for users; their roles and person links go through the org services.
Admin and secretariat accounts must pass TOTP (core/two_factor.py), so they get a confirmed
device with a fixed demo key that the command prints for an authenticator app.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext as _
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.core.two_factor import device_secret_base32
from thidua.org import services
from thidua.org.demo import data
from thidua.org.demo.data import AccountSpec
from thidua.org.models import Cluster, Council, CouncilSeat, Person, RoleAssignment, Unit


@dataclass(frozen=True)
class AccountRow:
    username: str
    role: str
    scope: str
    password: str
    totp_secret: str = ""
    totp_code: str = ""


def ensure_accounts(
    *,
    units: dict[str, Unit],
    clusters: dict[int, Cluster],
    council: Council,
    created: Counter[str],
) -> None:
    User = get_user_model()
    password_hash = ""
    for spec in data.ACCOUNTS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            # One full-strength hash serves every account: hashing takes about a second each
            # and the shared salt reveals nothing, the password being printed for all anyway.
            password_hash = password_hash or make_password(data.DEMO_PASSWORD)
            user = _create_user(spec, password_hash)
            created["accounts"] += 1
        if spec.role and not RoleAssignment.objects.filter(user=user, role=spec.role).exists():
            scope = _scope(spec, units, clusters, council)
            services.role_assign(user=user, role=spec.role, by=None, **scope)
            created["roles"] += 1
        if spec.totp_key and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(user=user, name="thidua", key=spec.totp_key, confirmed=True)
            created["TOTP devices"] += 1
        if (spec.person_unit or spec.person_seat) and not Person.objects.filter(user=user).exists():
            person = _person_for(spec, units, council)
            services.person_update(
                person=person, user=user, by=None, reason=_("linked to a demo account")
            )
            created["accounts linked to people"] += 1


def _create_user(spec: AccountSpec, password_hash: str) -> Any:
    user = get_user_model()(
        username=spec.username, is_staff=spec.superuser, is_superuser=spec.superuser
    )
    validate_password(data.DEMO_PASSWORD, user)  # the demo password must pass like any other
    user.password = password_hash
    user.save()
    return user


def _scope(
    spec: AccountSpec, units: dict[str, Unit], clusters: dict[int, Cluster], council: Council
) -> dict[str, Any]:
    if spec.unit:
        return {"unit": units[spec.unit]}
    if spec.cluster:
        return {"cluster": clusters[spec.cluster]}
    if spec.council:
        return {"council": council}
    return {}


def _person_for(spec: AccountSpec, units: dict[str, Unit], council: Council) -> Person:
    """The holder of a council seat, or the first staff member (not a leader) of a unit."""
    if spec.person_seat:
        seat = CouncilSeat.objects.filter(council=council, role=spec.person_seat).order_by("pk")
        return seat.first().person
    unit_spec = data.UNITS_BY_CODE[spec.person_unit]
    return (
        Person.objects.filter(
            unit__path__startswith=units[spec.person_unit].path,
            position__in=unit_spec.staff_titles,
            user__isnull=True,
        )
        .order_by("staff_code")
        .first()
    )


# ---- the printed table ---------------------------------------------------------------------


def account_rows() -> list[AccountRow]:
    """What the command prints: read from data.py plus the TOTP devices (one query)."""
    usernames = [spec.username for spec in data.ACCOUNTS]
    devices = {
        device.user.username: device
        for device in TOTPDevice.objects.filter(
            user__username__in=usernames, confirmed=True
        ).select_related("user")
    }
    rows = []
    for spec in data.ACCOUNTS:
        device = devices.get(spec.username)
        rows.append(
            AccountRow(
                username=spec.username,
                role=str(RoleAssignment.Role(spec.role).label) if spec.role else _("Individual"),
                scope=_scope_label(spec),
                password=data.DEMO_PASSWORD,
                totp_secret=device_secret_base32(device) if device else "",
                totp_code=current_code(device) if device else "",
            )
        )
    return rows


def _scope_label(spec: AccountSpec) -> str:
    if spec.unit:
        return data.UNITS_BY_CODE[spec.unit].name
    if spec.cluster:
        return next(c.name for c in data.CLUSTERS if c.number == spec.cluster)
    if spec.council:
        return data.COUNCIL_NAME
    if spec.role:
        return _("Whole system")
    return _("Own records (%(unit)s)") % {"unit": data.UNITS_BY_CODE[spec.person_unit].name}


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"
