from django.urls import path

from thidua.awards import import_views, views

app_name = "awards"

urlpatterns = [
    path("awards/people/<int:pk>/", views.person_record, name="person_record"),
    path("awards/units/<int:pk>/due/", views.unit_due, name="unit_due"),
    path("awards/units/<int:pk>/check/", views.unit_sweep_start, name="unit_sweep_start"),
    path("awards/import/", import_views.import_upload, name="import_upload"),
    path("awards/import/template/", import_views.import_template, name="import_template"),
    path(
        "awards/import/<int:unit_pk>/<str:token>/",
        import_views.import_preview,
        name="import_preview",
    ),
    path(
        "awards/import/<int:unit_pk>/<str:token>/confirm/",
        import_views.import_confirm,
        name="import_confirm",
    ),
]
