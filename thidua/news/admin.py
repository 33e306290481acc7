"""The Django admin for the portal's sections and tags (audited by simple-history).

Articles and feedback are written, reviewed and moderated on the editor and moderation pages,
whose services check the workflow: the admin only lists them, read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from thidua.core.admin import ReadOnlyMixin
from thidua.news.models import Article, ArticleFeedback, Category, Tag
from thidua.org.admin import FoldedSearchMixin


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(FoldedSearchMixin, ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["title", "status", "publish_at", "unit", "author", "views"]
    list_filter = ["status", "categories"]
    date_hierarchy = "publish_at"


@admin.register(ArticleFeedback)
class ArticleFeedbackAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = ["article", "name", "status", "created_at", "moderated_by"]
    list_filter = ["status"]
