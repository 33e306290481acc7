"""Pages for indicators (to be filled in)."""

urlpatterns: list = []
