"""Who may use the exchange pages: the same rights as editing the data on its own pages."""

import pytest
from django.urls import reverse

from thidua.core.models import Job
from thidua.core.tests.helpers import sign_in
from thidua.documents.tests.exchange_helpers import (
    checked,
    people_cast,
    people_export,
    run,
    upload,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp", "english_pages")]


@pytest.fixture
def cast(world):
    return people_cast(world)


def download(client, unit, dataset="people", **extra):
    params = {"down-dataset": dataset, "down-unit": unit.pk, "data": "1", **extra}
    return client.get(reverse("documents:exchange_download"), params)


def test_the_page_asks_a_visitor_to_sign_in(client):
    response = client.get(reverse("documents:exchange"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_page_offers_the_units_the_officer_works_for(client, cast):
    sign_in(client, cast.officer)

    response = client.get(reverse("documents:exchange"))

    assert response.status_code == 200
    choices = dict(response.context["download"].fields["unit"].widget.choices)
    assert set(choices) - {""} == {cast.cq.pk, cast.cq_dept.pk}


def test_the_officer_downloads_the_people_of_their_unit(client, cast):
    sign_in(client, cast.officer)

    response = download(client, cast.cq)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="people-')


def test_another_units_officer_cannot_see_the_unit(client, cast):
    sign_in(client, cast.outsider)

    assert download(client, cast.cq).status_code == 404
    assert upload(client, cast.cq, people_export(cast)).status_code == 404


def test_the_unit_head_who_reads_but_does_not_change_people_is_refused(client, cast):
    sign_in(client, cast.cq_head)

    assert download(client, cast.cq).status_code == 403
    assert upload(client, cast.cq, people_export(cast)).status_code == 403


def test_indicator_values_need_the_right_to_report_for_the_unit(client, cast):
    sign_in(client, cast.secretary)  # manages the people of every unit, reports for none

    response = download(client, cast.cq, dataset="indicator_values", **{"down-period": 1})

    assert response.status_code == 403


def test_indicator_values_need_a_reporting_period(client, cast):
    sign_in(client, cast.officer)

    response = download(client, cast.cq, dataset="indicator_values")

    assert response.status_code == 400
    assert response.context["download"].errors["period"] == ["Choose the reporting period."]


def test_nobody_else_sees_a_check_or_confirms_it(client, cast):
    sign_in(client, cast.officer)
    check = checked(client, cast.cq, people_export(cast))
    sign_in(client, cast.secretary)

    preview = client.get(reverse("documents:exchange_preview", args=[check.pk]))
    confirm = client.post(reverse("documents:exchange_confirm", args=[check.pk]))

    assert (preview.status_code, confirm.status_code) == (404, 404)
    assert Job.objects.count() == 1


def test_a_check_is_refused_if_the_right_was_withdrawn_meanwhile(client, cast):
    sign_in(client, cast.officer)
    assert upload(client, cast.cq, people_export(cast)).status_code == 302
    cast.officer.role_assignments.all().delete()

    job = run(Job.objects.get())

    assert job.status == Job.Status.FAILED
    assert job.message == "You may no longer exchange this data."
