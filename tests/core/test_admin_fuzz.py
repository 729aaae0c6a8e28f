"""Property: whatever odd value any field of an admin change form is given, the answer is a page (a form error or a
saved change), never a server error (issue 11: "lead=abc" and "partners=x,-1" were 500s)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.publishing import Status
from tests.admin_forms import change_form_data
from tests.factories import make_document, make_organisation, make_person, make_section, make_source, make_task
from tests.users import editor, publisher, signed_in

pytestmark = pytest.mark.django_db

ODD = st.one_of(
    st.sampled_from(
        ["abc", "-1", "x,-1", "1e9", "9" * 40, "", " ", "0", "2025-02-30", "30/02/2025", "<script>x</script>", "null"]
    ),
    st.text(max_size=60),  # any Unicode, control characters and surrogate-free oddities included
    st.lists(st.sampled_from(["1", "-1", "x", "", "999999999999"]), max_size=4),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
EXAMPLES = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _task():
    document = make_document(status=Status.DRAFT)
    make_section(document)
    task = make_task(document, status=Status.DRAFT, lead=make_organisation())
    task.partners.add(make_organisation())
    return task


FORMS = {
    "task": (_task, "admin:resolutions_task_change", editor),
    "published task": (lambda: make_task(lead=make_organisation()), "admin:resolutions_task_change", editor),
    "document": (
        lambda: make_section(make_document(status=Status.DRAFT)).document,
        "admin:resolutions_document_change",
        publisher,
    ),
    "person": (lambda: make_person(status=Status.DRAFT), "admin:editions_person_change", editor),
    "source": (
        lambda: make_source(status=Status.DRAFT, url="https://example.vn/a"),
        "admin:editions_source_change",
        editor,
    ),
}


@pytest.mark.parametrize("form", list(FORMS))
def test_no_odd_value_in_any_field_is_a_server_error(form):
    make, route, role = FORMS[form]
    obj = make()
    client = signed_in(role())
    url = reverse(route, args=[obj.pk])
    data = change_form_data(client.get(url))
    names = sorted(data)

    @EXAMPLES
    @given(name=st.sampled_from(names), value=ODD, note=st.sampled_from(["", "Sửa thử"]))
    def check(name, value, note):
        response = client.post(url, data | {name: value, "change_note": note})
        assert response.status_code in (200, 302), (name, value, response.status_code)

    check()
