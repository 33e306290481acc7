"""Every org page × every role × own/foreign record, against the permission matrix.

A record outside the user's sight is a 404 (ids cannot be probed); a visible record whose action
the user may not take is a 403; otherwise the page opens. Who may see and do what comes from the
explicit MATRIX of test_permissions.
"""

import pytest
from django.urls import reverse

from thidua.core.tests.helpers import sign_in
from thidua.org.tests.test_permissions import CAST, MATRIX
from thidua.org.tests.test_permissions import targets as targets  # the shared fixture

ALLOWED = {(perm, target): allowed for perm, target, allowed in MATRIX}
VIEW_PERM = {"unit": "org.view_unit", "person": "org.view_person", "cluster": "org.view_cluster"}
PAGES = [  # url name, kind of record, permission the page needs, HTTP method
    ("org:unit_detail", "unit", "org.view_unit", "get"),
    ("org:unit_edit", "unit", "org.change_unit", "get"),
    ("org:unit_deactivate", "unit", "org.change_unit", "get"),
    ("org:unit_delete", "unit", "org.change_unit", "get"),
    ("org:unit_add_child", "unit", "org.add_subunit", "get"),
    ("org:person_add", "unit", "org.add_person_to_unit", "get"),
    ("org:unit_export_start", "unit", "org.export_unit", "post"),
    ("org:person_detail", "person", "org.view_person", "get"),
    ("org:person_edit", "person", "org.change_person", "get"),
    ("org:person_transfer", "person", "org.change_person", "get"),
    ("org:leave_add", "person", "org.change_person", "get"),
    ("org:cluster_detail", "cluster", "org.view_cluster", "get"),
    ("org:cluster_member_add", "cluster", "org.change_cluster", "get"),
    ("org:cluster_leadership_add", "cluster", "org.change_cluster", "get"),
]
CASES = [
    (name, target, perm, method)
    for name, kind, perm, method in PAGES
    for (matrix_perm, target) in ALLOWED
    if matrix_perm == perm
]


def _expected(perm: str, kind: str, target: str, who: str, method: str) -> int:
    if who not in ALLOWED[(VIEW_PERM[kind], target)]:
        return 404
    if who not in ALLOWED[(perm, target)]:
        return 403
    return 302 if method == "post" else 200


@pytest.mark.parametrize(("url_name", "target", "perm", "method"), CASES)
def test_page_answers_each_role_as_the_matrix_says(
    client,
    targets,
    url_name,
    target,
    perm,
    method,
):
    kind = next(k for name, k, p, m in PAGES if name == url_name)
    url = reverse(url_name, args=[getattr(targets, target).pk])
    answers, expected = {}, {}
    for who in CAST:
        sign_in(client, getattr(targets, who))
        answers[who] = getattr(client, method)(url).status_code
        expected[who] = _expected(perm, kind, target, who, method)
        client.logout()
    assert answers == expected, url_name
