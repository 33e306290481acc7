from django.urls import path

from thidua.org import jobs_views
from thidua.org.views import clusters, people, units

app_name = "org"

urlpatterns = [
    path("units/<int:pk>/export/", jobs_views.unit_export_start, name="unit_export_start"),
    path("units/", units.unit_tree, name="unit_tree"),
    path("units/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", units.unit_edit, name="unit_edit"),
    path("units/<int:pk>/add-subunit/", units.unit_add_child, name="unit_add_child"),
    path("units/<int:pk>/deactivate/", units.unit_deactivate, name="unit_deactivate"),
    path("units/<int:pk>/delete/", units.unit_delete, name="unit_delete"),
    path("units/<int:pk>/people/add/", people.person_add, name="person_add"),
    path("people/", people.person_search, name="person_search"),
    path("people/<int:pk>/", people.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:pk>/transfer/", people.person_transfer, name="person_transfer"),
    path("people/<int:pk>/leave/add/", people.leave_add, name="leave_add"),
    path("clusters/", clusters.cluster_list, name="cluster_list"),
    path("clusters/<int:pk>/", clusters.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/members/add/", clusters.cluster_member_add, name="cluster_member_add"),
    path(
        "clusters/<int:pk>/leaders/add/",
        clusters.cluster_leadership_add,
        name="cluster_leadership_add",
    ),
]
