"""A cluster's or council's standing voting rules (`policy["ballots"]`), which every new session
copies (law.md §c.4 [U]: thresholds, the base, self-votes and tie-breaks are the body's choice).
Only the rules that differ from the defaults are stored."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.ballots import rules
from thidua.core.audit import save_audited
from thidua.core.errors import DomainError
from thidua.org.models import Cluster, Council


@transaction.atomic
def standing_rules_set(
    *, owner: Cluster | Council, by: Any, changes: dict[str, Any]
) -> rules.Policy:
    try:
        policy = rules.Policy.from_dict(changes)
    except ValueError as exc:
        raise DomainError(
            _("The voting rules are not valid: %(problem)s") % {"problem": exc}, code="policy"
        ) from exc
    owner = type(owner).objects.select_for_update().get(pk=owner.pk)
    owner.policy = {**(owner.policy or {}), "ballots": policy.non_default()}
    save_audited(owner, by=by, reason=_("Voting rules changed"), clean=False)
    return policy
