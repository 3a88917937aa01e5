"""`field_widget` writes radio buttons, checkboxes and selects in Python: the same HTML
as Django's widget templates, for every field of every form that uses it."""

from __future__ import annotations

from html.parser import HTMLParser

from holdfast.assessment import services
from holdfast.assessment.forms import SectionForm
from holdfast.core.templatetags.hf import field_widget
from holdfast.curriculum.views import CatalogueFilter


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.out: list[tuple[object, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(("start", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag: str) -> None:
        self.out.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.out.append(("text", " ".join(data.split())))


def structure(html: str) -> list[tuple[object, ...]]:
    parser = _Tags()
    parser.feed(html)
    return parser.out


def test_same_html_as_djangos_widgets():
    compared = 0
    answers = {
        "role": "not-an-option",  # an error: aria-invalid on every radio
        "line-of-work": ["journalism", "zzz"],
        "home-country": "KG",
        "disk-encryption": "no",
        "threats-experienced": ["<script>"],
    }
    for lang in ("en", "es", "ru"):
        questionnaire = services.questionnaire(lang)
        for section in questionnaire.sections:
            for data in (None, answers):
                form = SectionForm(
                    data,
                    questions=list(section.questions),
                    countries=services.countries(),
                    lang=lang,
                    initial={"updates": "rarely", "backups": "never"},
                )
                if data:
                    form.is_valid()
                for field in form:
                    assert structure(str(field_widget(field))) == structure(str(field)), field.name
                    compared += 1
    catalogue = CatalogueFilter({"domain": "wellbeing", "tag": "doxxing"}, reader_lang="fr")
    catalogue.is_valid()
    for field in catalogue:
        assert structure(str(field_widget(field))) == structure(str(field)), field.name
        compared += 1
    assert compared > 300


def test_labels_and_values_are_escaped():
    from django import forms

    class Form(forms.Form):
        pick = forms.ChoiceField(choices=[('"><script>', "<b>bold</b>")], widget=forms.RadioSelect)
        one = forms.ChoiceField(choices=[("&", "<i>x</i>")])

    html = str(field_widget(Form()["pick"])) + str(field_widget(Form()["one"]))
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and 'value="&quot;&gt;&lt;script&gt;"' in html
