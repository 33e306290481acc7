"""Pages for feeds (to be filled in)."""

urlpatterns: list = []
