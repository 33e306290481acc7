"""Pages for pledges (to be filled in)."""

urlpatterns: list = []
