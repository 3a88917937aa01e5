from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.forms.widgets import RadioSelect, Select, SelectMultiple
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """`{{ names|get_item:key }}`: a value from a dict by a variable key."""
    return mapping.get(key, key)


@register.filter
def inline_svg(document: str) -> str:
    """An SVG document made to sit inside HTML: without the XML declaration, which HTML
    does not allow (the QR code from allauth starts with one). Returns text, not markup:
    the template still decides whether it is safe."""
    text = str(document).lstrip()
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :].lstrip()
    return text


def _attrs(attrs: dict[str, Any]) -> str:
    """HTML attributes as Django's widget templates write them: True alone, False and
    None left out, everything else escaped."""
    parts = []
    for key, value in attrs.items():
        if value is True:
            parts.append(f" {key}")
        elif value is not False and value is not None:
            parts.append(f' {key}="{conditional_escape(value)}"')
    return "".join(parts)


@register.simple_tag
def field_widget(field: BoundField) -> str:
    """A form field's widget. Radio buttons, checkboxes and single selects are written
    here in Python from the widget's own context (the same options, ids, checked and
    aria attributes); Django renders them through two template files per option, which
    made long lists the slowest part of our pages. Other widgets render as usual."""
    widget = field.field.widget
    if not isinstance(widget, RadioSelect | Select) or isinstance(widget, SelectMultiple):
        return field.as_widget()
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    name = conditional_escape(context["name"])
    options = [option for _group, group, _index in context["optgroups"] for option in group]
    if isinstance(widget, RadioSelect):  # CheckboxSelectMultiple is one too
        outer = {"id": context["attrs"].get("id"), "class": context["attrs"].get("class")}
        rows = [
            f'<div><label for="{conditional_escape(o["attrs"].get("id", ""))}">'
            f'<input type="{o["type"]}" name="{name}" value="{conditional_escape(o["value"])}"'
            f"{_attrs(o['attrs'])}> {conditional_escape(o['label'])}</label></div>"
            for o in options
        ]
        return mark_safe(f"<div{_attrs(outer)}>{''.join(rows)}</div>")  # noqa: S308 - escaped above
    rows = [
        f'<option value="{conditional_escape(o["value"])}"{" selected" if o["selected"] else ""}>'
        f"{conditional_escape(o['label'])}</option>"
        for o in options
    ]
    return mark_safe(  # noqa: S308 - every value escaped above
        f'<select name="{name}"{_attrs(context["attrs"])}>{"".join(rows)}</select>'
    )
