"""Thin views, one module per feature; each module lists its own `urlpatterns`."""
