"""Finding a unit by its code for a write, with the pages' rule: a unit the caller may not see
does not exist (404); a unit they see but may not change answers 403."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from thidua.org.models import Unit
from thidua.org.selectors import units_visible_to


def unit_by_code(user: Any, code: str, *, perm: str, refusal: str) -> Unit:
    """The visible unit with this code (case ignored unless two codes differ only by case).

    `refusal` is the 403 message, with %(unit)s for the unit's name."""
    found = list(units_visible_to(user).filter(code__iexact=code).order_by("pk")[:2])
    exact = [unit for unit in found if unit.code == code]
    unit = exact[0] if exact else (found[0] if len(found) == 1 else None)
    if unit is None:
        raise Http404(_("No unit you may see has the code '%(code)s'.") % {"code": code})
    if not user.has_perm(perm, unit):
        raise PermissionDenied(refusal % {"unit": unit.name})
    return unit
