"""Authentication backend: Django's ModelBackend, loading the profile with the user.

Every logged-in request loads the user, and every page needs the profile (time zone, week
start, data version), so both come in one query, written once as SQL
(exercises/rawsql.py): through the ORM this lookup cost more than the rest of a cached
page."""

from django.contrib.auth.backends import ModelBackend

from . import rawsql


class ProfileModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = rawsql.user_with_profile(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
