"""A unit's letterhead lines and the Word templates admins upload to replace the shipped ones."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.models.files import random_name
from thidua.core.models import TimeStampedModel
from thidua.org.models import Unit

__all__ = ["Letterhead", "PaperTemplate"]


class Letterhead(TimeStampedModel):
    """How a unit writes its header when the unit tree alone does not say it well.

    E.g. Ban Tổ chức Trung ương writes "BAN CHẤP HÀNH TRUNG ƯƠNG" over "BAN TỔ CHỨC" (law.md §e.5,
    exact lines [U]), which no parent name gives; so the lines are data an admin sets.
    """

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="letterhead"
    )
    superior_line = models.CharField(
        _("superior body line"), max_length=255, blank=True,
        help_text=_("Written in capitals above the issuer, e.g. the parent Party committee."),
    )  # fmt: skip
    issuer_line = models.CharField(
        _("issuer line"), max_length=255, blank=True,
        help_text=_("The issuing body as printed in bold; empty takes the unit's name."),
    )  # fmt: skip
    place = models.CharField(
        _("place"), max_length=100, blank=True,
        help_text=_("The city written before the date; empty takes the installation's."),
    )  # fmt: skip
    signer_authority = models.CharField(
        _("signing on behalf of"), max_length=150, blank=True,
        help_text=_("The line above the signer's position: TM. or KT. and the body or head."),
    )  # fmt: skip
    signer_title = models.CharField(_("signer's position"), max_length=150, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return str(self.unit)


def template_upload_to(instance: "PaperTemplate", filename: str) -> str:
    return random_name("paper_templates", filename)


class PaperTemplate(models.Model):
    """An uploaded Word template for one kind of paper: a unit's own, or the installation's."""

    kind = models.CharField(_("paper"), max_length=64)  # a registry key, checked by the service
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="paper_templates",
        help_text=_("Empty: the installation's template, used by every unit without its own."),
    )  # fmt: skip
    file = models.FileField(_("file"), upload_to=template_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paper template")
        verbose_name_plural = _("paper templates")
        ordering = ["kind", "unit__path", "-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "unit"], condition=Q(is_active=True, unit__isnull=False),
                name="one_active_paper_template_per_unit",
            ),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(is_active=True, unit__isnull=True),
                name="one_active_installation_paper_template",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.kind}: {self.original_name}"
