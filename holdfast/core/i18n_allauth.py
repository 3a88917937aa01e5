"""Strings that reach our pages from allauth's Python code (form labels, errors).

Listed here so they are extracted into Holdfast's own catalogs: our catalogs take
precedence over allauth's, and allauth has no catalog for plain "pt". The text must stay
identical to allauth's msgids. Nothing imports this module; it exists for makemessages.
"""

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS = [
    gettext_noop("Username"),
    gettext_noop("Password"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Code"),
    gettext_noop("Authenticator code"),
    gettext_noop("Incorrect code."),
    gettext_noop("Incorrect password."),
    gettext_noop("Please type your current password."),
    gettext_noop("You must type the same password each time."),
    gettext_noop("The username and/or password you specified are not correct."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("You cannot deactivate two-factor authentication."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("The new value must be different from the current one."),
]
