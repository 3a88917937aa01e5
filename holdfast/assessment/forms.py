"""A form per questionnaire section, built from the content. Every question optional."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from holdfast.assessment.engine import visible
from holdfast.assessment.questionnaire import Country, Question, Questionnaire, Section


def visible_questions(
    section: Section, answers: dict[str, Any], questionnaire: Questionnaire
) -> list[Question]:
    questions = questionnaire.questions
    return [q for q in section.questions if visible(q, answers, questions)]


class SectionForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        questions: list[Question],
        countries: dict[str, Country],
        lang: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for q in questions:
            common: dict[str, Any] = {"label": q.text, "required": False, "help_text": q.help}
            choices = [(o.id, o.label) for o in q.options]
            field: forms.Field
            if q.type in ("single", "scale"):
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
            elif q.type == "multiple":
                field = forms.MultipleChoiceField(
                    choices=choices, widget=forms.CheckboxSelectMultiple, **common
                )
            elif q.type == "country":
                names = sorted(
                    (
                        (code, c.names.get(lang) or c.names.get("en") or code)
                        for code, c in countries.items()
                    ),
                    key=lambda c: c[1],
                )
                field = forms.ChoiceField(
                    choices=[("", _("Choose, or leave empty")), *names], **common
                )
            else:
                field = forms.CharField(
                    max_length=2000, widget=forms.Textarea({"rows": 3}), **common
                )
            self.fields[q.id] = field
