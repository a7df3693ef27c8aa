"""Django's model backend, loading the profile with the user.

Every logged-in page needs the profile (time zone, week start, the data version its cache
keys use), so the user and the profile come in one query instead of two.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfileModelBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("profile")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
