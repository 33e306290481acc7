"""Pages for reports (to be filled in)."""

urlpatterns: list = []
