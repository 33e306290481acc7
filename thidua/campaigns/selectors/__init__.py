"""Reads shared by pages, feeds and reports (one module per feature)."""

from thidua.campaigns.selectors.movements import launching_bodies_for, movements_for  # noqa: F401
