"""Public posting (công khai) of nominees for N working days, and the public's feedback."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.core.models import TimeStampedModel
from thidua.nominations.models.dossiers import Batch, Dossier


class Posting(TimeStampedModel):
    """ND 98 Art. 46(2) / ND 152 Art. 44(2): nominees are published at least 10 working days
    before the council meets. The window is stored when the posting opens, with the rules used
    (whether the posting day counts), so a later change of policy does not move it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Posted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    batch = models.ForeignKey(
        Batch, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="postings"
    )
    title = models.CharField(_("title"), max_length=500)
    note = models.TextField(_("notice"), blank=True)
    opened_on = models.DateField(_("posted on"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    day_counts = models.BooleanField(_("the posting day counts as day 1"), default=True)
    ends_on = models.DateField(_("last day"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("posted by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public posting")
        verbose_name_plural = _("public postings")
        ordering = ["-opened_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Feedback(TimeStampedModel):
    """A citizen's or colleague's feedback (phản hồi) on a posting, triaged by the secretariat."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        TO_VERIFY = "to_verify", _("To verify")
        DISMISSED = "dismissed", _("Not relevant")
        RESOLVED = "resolved", _("Verified and answered")

    posting = models.ForeignKey(
        Posting, verbose_name=_("posting"), on_delete=models.CASCADE, related_name="feedback"
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("nominee concerned"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="feedback",
    )  # fmt: skip
    name = models.CharField(_("your name"), max_length=150)
    contact = models.CharField(_("e-mail or telephone"), max_length=150, blank=True)
    content = models.TextField(_("feedback"))
    sender_hash = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    triage_note = models.TextField(_("secretariat's note"), blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("triaged by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name}: {self.content[:40]}"
