from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    """django-tasks-db with a translatable name in the admin (its own is English only)."""

    verbose_name = _("Background task queue")
