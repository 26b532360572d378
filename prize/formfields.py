"""Form fields whose values a browser keeps, whatever the page's language.

A browser reads the value of `<input type="date">` only as YYYY-MM-DD, of
`datetime-local` only as YYYY-MM-DDTHH:MM, of `time` only as HH:MM and of `number` only
as a number with a decimal point and no thousands separator; anything else it shows as
an empty field and sends back empty, so an unchanged save erases the value. Django
formats a date with the language's first input format (25/10/2006 in French), hence
these widgets, whose format is the one of their HTML type. Every form of the project
takes its date, time and number fields from here (tests/test_forms_round_trip.py checks
both that and what a browser reads back)."""

from datetime import datetime
from decimal import Decimal

from django import forms

DATE = "%Y-%m-%d"
DATETIME = "%Y-%m-%dT%H:%M"
DATETIME_SECONDS = "%Y-%m-%dT%H:%M:%S"
TIME = "%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATE)


class DateTimeInput(forms.DateTimeInput):
    """To the minute, as people type it; with the seconds when there are some (an
    imported 23:59:59 deadline), so that an unchanged save does not move it."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME)

    def format_value(self, value):
        if isinstance(value, datetime) and (value.second or value.microsecond):
            return value.strftime(DATETIME_SECONDS)
        return super().format_value(value)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=TIME)


class NumberInput(forms.NumberInput):
    """Never localized (no decimal comma, no thousands separator), never in exponent
    form, and without maxlength, which HTML does not allow on a number."""

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, Decimal) and value.is_finite():
            return format(value, "f")
        return str(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for attribute in ("maxlength", "minlength"):
            context["widget"]["attrs"].pop(attribute, None)
        return context


class DateField(forms.DateField):
    widget = DateInput


class DateTimeField(forms.DateTimeField):
    """Also reads what Chromium sends when the value has seconds."""

    widget = DateTimeInput
    input_formats = [DATETIME, DATETIME_SECONDS, "%Y-%m-%d %H:%M"]


class IntegerField(forms.IntegerField):
    widget = NumberInput


class DecimalField(forms.DecimalField):
    widget = NumberInput
