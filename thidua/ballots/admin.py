"""Read-only admin for ballot sessions. Everything changes through the session pages (services);
ballots, their choices and the voter marks have NO admin at all: an admin page that lists them
side by side would be the very link between a voter and a choice the design keeps out."""

from django.contrib import admin

from thidua.ballots.models import BallotSession, Question, Round, SessionEvent, Voter
from thidua.core.admin import ReadOnlyMixin


class VoterInline(ReadOnlyMixin, admin.TabularInline):
    model = Voter
    fields = ["label", "unit", "person", "user", "attendance"]
    readonly_fields = fields
    extra = 0


class QuestionInline(ReadOnlyMixin, admin.TabularInline):
    model = Question
    fields = ["order", "kind", "title", "seats", "award_code"]
    readonly_fields = fields
    extra = 0


class SessionEventInline(ReadOnlyMixin, admin.TabularInline):
    model = SessionEvent
    fields = ["at", "action", "round", "by", "reason", "detail"]
    readonly_fields = fields
    extra = 0


@admin.register(BallotSession)
class BallotSessionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "year", "cluster", "council", "meeting_date", "status"]
    list_filter = ["status", "year"]
    search_fields = ["title"]
    readonly_fields = [
        "title", "year", "cluster", "council", "meeting_date", "meeting_place", "chair_name",
        "secretary_name", "policy", "status", "opened_at", "closed_at", "created_by",
    ]  # fmt: skip
    inlines = [VoterInline, QuestionInline, SessionEventInline]


@admin.register(Round)
class RoundAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The published tallies (aggregates only)."""

    list_display = ["question", "number", "seats", "status", "closed_at"]
    list_filter = ["status"]
    readonly_fields = [
        "question", "number", "seats", "reason", "status", "opened_at", "closed_at", "result",
    ]  # fmt: skip
    exclude = ["candidates"]
