"""POST data for an admin change page, read from the page's own forms (main form and every inline formset), so a
test changes only the values it is about and submits everything else as the editor's browser would."""

import datetime

from django.forms import MultiWidget
from django.test import Client


def _put(data: dict, key: str, value) -> None:
    if value is None or value is False:
        return
    if value is True:
        data[key] = "on"
    elif isinstance(value, list | tuple):
        data[key] = [str(getattr(v, "pk", v)) for v in value]
    elif isinstance(value, datetime.date | datetime.time):
        data[key] = value.isoformat()
    else:
        data[key] = str(getattr(value, "pk", value))


def _form(data: dict, form) -> None:
    for name, field in form.fields.items():
        key, value = form.add_prefix(name), form[name].value()
        if isinstance(field.widget, MultiWidget):
            parts = value if isinstance(value, list) else field.widget.decompress(value)
            for i, part in enumerate(parts):
                _put(data, f"{key}_{i}", part)
        else:
            _put(data, key, value)


def change_form_data(response) -> dict:
    """Everything the change page would post unchanged, from the response's context."""
    data: dict = {}
    _form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form(data, formset.management_form)
        data[formset.management_form.add_prefix("TOTAL_FORMS")] = str(formset.initial_form_count())
        for form in formset.initial_forms:
            _form(data, form)
    return data


def post_change(client: Client, url: str, **changes):
    """GET the change page, then POST it back with `changes` (keys as posted names; None removes a key)."""
    data = change_form_data(client.get(url)) | changes
    return client.post(url, {k: v for k, v in data.items() if v is not None})
