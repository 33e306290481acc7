"""Strings of Django and third-party apps whose Vietnamese catalogue lacks them.

Listing them here puts them in locale/vi, so the admin is Vietnamese throughout.
"""

from django.utils.translation import gettext_noop

OVERRIDES = [
    gettext_noop("- Select an option -"),
    gettext_noop("Run"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
]
