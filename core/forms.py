"""Form building blocks for every admin input: refuse what would be stored wrong, never fail on odd input.

- `control_characters(text)` / `CleanTextMixin`: a text value may hold newlines and tabs, never other control
  characters (they were stored in titles and broke exports); the refusal is a form error on the field.
- `SafeAutocompleteSelect` / `SafeAutocompleteSelectMultiple`: the admin's autocomplete widgets re-render the
  submitted value after a validation error and query it as a primary key; "abc" or "x,-1" raised ValueError (a
  500). These drop a value that is not a valid key before the query: the field has already said it is invalid.
"""

import unicodedata

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALLOWED_CONTROLS = {"\n", "\t", "\r"}  # "\r" arrives with every newline of a textarea


def control_characters(text: str) -> list[str]:
    """The control characters in `text` other than newline and tab, as U+XXXX codes (empty when none)."""
    found = {ch for ch in text if ch not in ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc"}
    return sorted(f"U+{ord(ch):04X}" for ch in found)


def validate_no_control_characters(value) -> None:
    if isinstance(value, str) and (codes := control_characters(value)):
        raise ValidationError(
            _("Nội dung có ký tự điều khiển không được phép (%(codes)s); hãy gõ lại hoặc dán dạng văn bản thuần.")
            % {"codes": ", ".join(codes[:5])},
            code="control_characters",
        )


class CleanTextMixin:
    """For a form: every text value is checked for control characters, each refusal an error on its field."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list((cleaned or {}).items()):
            try:
                validate_no_control_characters(value)
            except ValidationError as error:
                self.add_error(name if name in self.fields else None, error)
        return cleaned


KEY_LIMIT = 2**63 - 1  # the largest key either database stores; a larger number overflowed (a 500)


def key_is_valid(model, value, to_field: str | None = None) -> bool:
    """Whether `value` could be a key of `model` at all (a number the database can hold, for a numeric key)."""
    target = model._meta.get_field(to_field) if to_field else model._meta.pk
    try:
        python = target.to_python(value)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return not isinstance(python, int) or abs(python) <= KEY_LIMIT


def _valid_keys(field, values) -> list:
    """The submitted values that are valid keys of the related model (the others are dropped)."""
    remote = field.remote_field
    to_field = getattr(remote, "field_name", None)
    return [v for v in values if v not in (None, "") and key_is_valid(remote.model, v, to_field)]


class SafeModelChoiceField(forms.ModelChoiceField):
    """Refuses a value that cannot be a key before querying with it."""

    def to_python(self, value):
        if value not in self.empty_values and not key_is_valid(self.queryset.model, value, self.to_field_name):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value:
            if item not in self.empty_values and not key_is_valid(self.queryset.model, item, self.to_field_name):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": str(item)[:40]}
                )
        return super()._check_values(value)


class SafeAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _valid_keys(self.field, value), attr)


class SafeAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, _valid_keys(self.field, value), attr)


class SafeAutocompleteAdminMixin:
    """For a ModelAdmin or an inline: related fields refuse impossible keys, autocompletes use the safe widgets."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CleanTextForm(CleanTextMixin, forms.Form):
    """A plain form whose text values are checked for control characters."""
