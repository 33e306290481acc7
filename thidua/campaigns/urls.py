from django.urls import path

from thidua.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("movements/", views.movement_list, name="movement_list"),
    path("movements/new/", views.movement_add, name="movement_add"),
    path("movements/<int:pk>/", views.movement_detail, name="movement_detail"),
    path("movements/<int:pk>/edit/", views.movement_edit, name="movement_edit"),
    path("movements/<int:pk>/status/", views.movement_transition, name="movement_transition"),
]
