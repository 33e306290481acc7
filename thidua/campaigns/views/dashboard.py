"""Pages for dashboard (to be filled in)."""

urlpatterns: list = []
