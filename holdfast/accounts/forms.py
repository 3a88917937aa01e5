from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from holdfast.accounts.models import Role

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class PassphraseFields(forms.Form):
    passphrase = forms.CharField(
        label=_("New passphrase"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "At least 12 characters. A few unrelated words are easy to remember and hard to guess."
        ),
    )
    passphrase_again = forms.CharField(
        label=_("Passphrase again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("passphrase"), data.get("passphrase_again")
        if first and second and first != second:
            self.add_error("passphrase_again", _("The two passphrases are not the same."))
        return data


class CodeField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_length=40,
            widget=forms.TextInput(
                attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
            ),
            **kwargs,
        )


class InviteRedeemForm(PassphraseFields):
    field_order = ["code", "passphrase", "passphrase_again", "language"]
    code = CodeField(
        label=_("Invitation code"),
        help_text=_("The code you were given, for example ABCD-EFGH-JKLM-NPQR."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)


class ResetRedeemForm(PassphraseFields):
    field_order = ["code", "passphrase", "passphrase_again"]
    code = CodeField(label=_("Reset code"), help_text=_("The code a staff member gave you."))


class PersonCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("Pseudonym"),
        regex=r"^[A-Za-z0-9_.-]{3,40}$",
        help_text=_(
            "Used to log in. 3 to 40 letters, digits, dots, dashes or underscores. "
            "Never a real name."
        ),
        error_messages={"invalid": _("Use 3 to 40 letters, digits, dots, dashes or underscores.")},
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.PARTICIPANT)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    home_country = forms.RegexField(
        label=_("Home country code"),
        regex=r"^[A-Za-z]{2}$",
        required=False,
        help_text=_("Two letters, for example KE for Kenya. Participants only."),
        error_messages={"invalid": _("Use the two-letter country code, for example KE.")},
    )


class ProfileForm(forms.Form):
    legal_name = forms.CharField(
        label=_("Legal name"),
        required=False,
        max_length=200,
        help_text=_("Only if you want it on your certificate. Encrypted; only you can read it."),
    )
    contact_name = forms.CharField(
        label=_("Emergency contact: name"), required=False, max_length=200
    )
    contact_reach = forms.CharField(
        label=_("Emergency contact: how to reach them"),
        required=False,
        max_length=300,
        help_text=_("For example a phone number or a Signal username. Encrypted."),
    )


class ConfirmEraseForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type the pseudonym to confirm"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action starts with"), required=False, max_length=64)
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=64)
    actor_id = forms.IntegerField(label=_("Actor id"), required=False, min_value=1)
