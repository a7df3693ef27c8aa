"""Django's model backend, with usernames that ignore case and the user record cached.

Usernames are unique regardless of case (a database constraint), so "Alex" logs in as
"alex". Every logged-in request loads its user, and every logged-in page needs the
profile (time zone, week start): the two come in one query, and that result is cached
under the user's account version (exercises/cache.py), which every save of the user or
their profile replaces, wherever it is made. Django then checks the cached record as it
would a fresh one: the account is active, and the session's hash still matches the
password.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from .cache import account_version


class ProfileModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        users = get_user_model()._default_manager
        if username is None:
            username = kwargs.get(users.model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = users.filter(**{f"{users.model.USERNAME_FIELD}__iexact": username}).first()
        if user is None:
            # Hash anyway, so an unknown username takes as long as a wrong password.
            users.model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        key = f"auth-user:{user_id}:{account_version(user_id)}"
        user = cache.get(key)
        if user is None:
            users = get_user_model()._default_manager.select_related("profile")
            user = users.filter(pk=user_id).first()
            if user is None:
                return None
            # A change made behind the ORM's back (a bulk update in the shell) shows
            # within this time at the latest.
            cache.set(key, user, settings.USER_CACHE_SECONDS)
        return user if self.user_can_authenticate(user) else None
