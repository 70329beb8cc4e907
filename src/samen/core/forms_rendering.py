"""Render every Django form with NL Design System (Utrecht) markup and accessible wiring.

Django itself adds `aria-invalid` and `aria-describedby` (help text and errors); this
renderer adds the Utrecht classes and a field template with label, description and
error message in the order the design system prescribes.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

WIDGET_CLASSES: dict[str, str] = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radioselect": "utrecht-radio-button utrecht-radio-button--html-input",
    "checkboxselectmultiple": "utrecht-checkbox utrecht-checkbox--html-input",
    "clearablefile": "utrecht-file-input",
    "file": "utrecht-file-input",
}
DEFAULT_CLASS = "utrecht-textbox utrecht-textbox--html-input"


class SamenBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        css = WIDGET_CLASSES.get(self.widget_type, DEFAULT_CLASS)
        if self.errors:
            css += " utrecht-textbox--invalid"
        attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        return attrs


class SamenFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    bound_field_class = SamenBoundField
