"""The authentication backend: allauth's, loading each request's user together with
their programme membership (one query instead of two on every page)."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from holdfast.accounts.models import User


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = (
            User.objects.select_related("membership__programme", "membership__cohort")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
