from django.urls import path

from thidua.awards import views

app_name = "awards"

urlpatterns = [
    path("awards/people/<int:pk>/", views.person_record, name="person_record"),
    path("awards/units/<int:pk>/due/", views.unit_due, name="unit_due"),
    path("awards/units/<int:pk>/check/", views.unit_sweep_start, name="unit_sweep_start"),
]
