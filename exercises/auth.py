"""Django's model backend, with usernames that ignore case and the profile loaded with
the user.

Usernames are unique regardless of case (a database constraint), so "Alex" logs in as
"alex". Every logged-in page needs the profile (time zone, week start, the data version
its cache keys use), so the user and the profile come in one query instead of two.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


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
        users = get_user_model()._default_manager.select_related("profile")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
