"""What is secret and what is not.

`VoterMark` says that a voter of the roll voted in a round (and how: online, on paper, in
writing). `Ballot` and `BallotChoice` say what was chosen. The two share nothing but the round:
a ballot has a random UUID key (no sequence to line up with the marks), no timestamp, no user,
no audit history (a history row would name the user and the time), and sorts by its random
receipt code. Cast ballots are never edited: `save` refuses an update and nothing deletes them.
Paper sheets are typed in by two tellers (`TellerEntry`); a ballot is made only when both agree.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.ballots.models.sessions import Candidate, Round, Voter


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper ballot at the meeting")
    WRITTEN = "written", _("Written vote of an absent member")


class VoterMark(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="marks"
    )
    voter = models.ForeignKey(
        Voter, verbose_name=_("voter"), on_delete=models.PROTECT, related_name="marks"
    )
    channel = models.CharField(_("how"), max_length=8, choices=Channel.choices)

    class Meta:
        verbose_name = _("voted")
        verbose_name_plural = _("voted")
        ordering = ["round", "voter__label"]
        constraints = [
            models.UniqueConstraint(fields=["round", "voter"], name="one_vote_per_voter_and_round")
        ]

    def __str__(self) -> str:
        return f"{self.voter} – {self.round}"


class Ballot(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="ballots"
    )
    receipt = models.CharField(_("receipt code"), max_length=16)
    channel = models.CharField(_("how"), max_length=8, choices=Channel.choices)
    is_valid = models.BooleanField(_("valid"), default=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["round", "receipt"]
        constraints = [
            models.UniqueConstraint(fields=["round", "receipt"], name="one_ballot_per_receipt")
        ]

    def __str__(self) -> str:
        return self.receipt

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("A cast ballot is never edited.")
        super().save(*args, **kwargs)


class BallotChoice(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.PROTECT, related_name="choices"
    )
    candidate = models.ForeignKey(
        Candidate, verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["ballot", "candidate"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "candidate"], name="one_mark_per_candidate")
        ]

    def __str__(self) -> str:
        return str(self.candidate_id)

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("A cast ballot is never edited.")
        super().save(*args, **kwargs)


class TellerEntry(models.Model):
    """One teller's typing of one paper sheet. Sheets are numbered as they come out of the box,
    which says nothing of who put them in."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="teller_entries"
    )
    sheet = models.CharField(_("sheet code"), max_length=16)
    channel = models.CharField(_("how"), max_length=8, choices=Channel.choices)
    teller = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("teller"), on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    candidate_ids = models.JSONField(_("marked candidates"), default=list)
    is_valid = models.BooleanField(_("valid"), default=True)

    class Meta:
        verbose_name = _("teller entry")
        verbose_name_plural = _("teller entries")
        ordering = ["round", "sheet", "teller"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "sheet", "teller"], name="one_entry_per_sheet_and_teller"
            )
        ]

    def __str__(self) -> str:
        return self.sheet
