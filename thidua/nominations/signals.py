"""The last guard of an issued decision's immutability, below the services.

An issued decision is a signed legal document: it and its lines are never changed or deleted,
whatever code path tries (the admin, a shell, a future service). Issuing itself is allowed
because the row in the database is still a draft while it happens; a correction is a new
decision that refers to the old one (`services.decisions.decision_correct`)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.nominations.models import Decision, DecisionLine


def issued_error() -> DomainError:
    return DomainError(
        _("An issued decision cannot be edited; issue a correcting decision that refers to it."),
        code="issued",
    )


def _issued(decision_pk: int | None) -> bool:
    if decision_pk is None:
        return False
    return Decision.objects.filter(pk=decision_pk, status=Decision.Status.ISSUED).exists()


@receiver(pre_save, sender=Decision, dispatch_uid="nominations_decision_immutable")
def decision_immutable(sender: Any, instance: Decision, raw: bool = False, **kwargs: Any) -> None:
    if not raw and _issued(instance.pk):
        raise issued_error()


@receiver(pre_save, sender=DecisionLine, dispatch_uid="nominations_line_immutable")
def line_immutable(sender: Any, instance: DecisionLine, raw: bool = False, **kwargs: Any) -> None:
    if not raw and _issued(instance.decision_id):
        raise issued_error()


@receiver(pre_delete, sender=Decision, dispatch_uid="nominations_decision_undeletable")
def decision_undeletable(sender: Any, instance: Decision, **kwargs: Any) -> None:
    if _issued(instance.pk):
        raise issued_error()


@receiver(pre_delete, sender=DecisionLine, dispatch_uid="nominations_line_undeletable")
def line_undeletable(sender: Any, instance: DecisionLine, **kwargs: Any) -> None:
    if _issued(instance.decision_id):
        raise issued_error()
