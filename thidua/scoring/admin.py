"""Read-only admin for scoring: tables, cards and rankings change through their pages (services),
which check the lock, the reasons and the permissions; the admin is for looking things up."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.core.admin import ReadOnlyMixin
from thidua.scoring.models import (
    CriteriaTable,
    Criterion,
    CriterionGroup,
    Ranking,
    RankingRow,
    Scorecard,
    ScorecardEvent,
    ScoreEntry,
)


class GroupInline(ReadOnlyMixin, admin.TabularInline):
    model = CriterionGroup
    fields = ["order", "code", "title", "kind"]
    readonly_fields = fields
    extra = 0


@admin.register(CriteriaTable)
class CriteriaTableAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["title", "cluster", "year", "pledge"]
    list_filter = ["year"]
    inlines = [GroupInline]


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["code", "title", "group", "kind", "max_points"]
    list_filter = ["kind", "group__table__year"]


class EntryInline(ReadOnlyMixin, admin.TabularInline):
    model = ScoreEntry
    fields = ["criterion", "points", "occurrences", "passed", "explanation"]
    readonly_fields = fields
    extra = 0


class CardEventInline(ReadOnlyMixin, admin.TabularInline):
    model = ScorecardEvent
    fields = ["action", "review_round", "by", "at", "reason"]
    readonly_fields = fields
    extra = 0


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["unit", "scorer", "kind", "status", "is_late", "table"]
    list_filter = ["kind", "status", "table__year"]
    inlines = [EntryInline, CardEventInline]


class RowInline(ReadOnlyMixin, admin.TabularInline):
    model = RankingRow
    fields = ["rank", "unit", "final_score", "cross_mean", "bonus", "penalties", "decided_by"]
    readonly_fields = fields
    extra = 0


@admin.register(Ranking)
class RankingAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["table", "round", "status", "published_at"]
    list_filter = ["status"]
    inlines = [RowInline]
