"""Pages for registrations (to be filled in)."""

urlpatterns: list = []
