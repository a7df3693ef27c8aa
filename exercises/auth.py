"""Authentication backend: Django's ModelBackend, loading the profile with the user.

Every logged-in page needs the profile (time zone, week start, data version); fetching it
in the same query as the user saves a query on every request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = (
            get_user_model()._default_manager.select_related("profile").filter(pk=user_id).first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
