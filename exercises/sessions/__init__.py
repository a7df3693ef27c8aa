"""Session engines: Django's, storing the logged-in user's id in its own column.

`exercises.sessions.db` (the default) and `exercises.sessions.cached_db` (with Redis) are
Django's `db` and `cached_db` engines over `UserSession`, which is Django's session table
plus a `user` column. That column lets one query load the session together with its user
and profile on every request (exercises/rawsql.py, exercises/auth.py), and lets account
deletion find a user's sessions without decoding every row.
"""

from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.exceptions import ValidationError


class UserColumnMixin:
    @classmethod
    def get_model_class(cls):
        from ..models import UserSession

        return UserSession

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.user_id = _user_id(data)
        return instance


def _user_id(data):
    try:
        return get_user_model()._meta.pk.to_python(data.get(SESSION_KEY))
    except ValidationError:
        return None
