"""Django's cached_db sessions (Redis first, the database behind it) over `UserSession`."""

from django.contrib.sessions.backends import cached_db

from . import UserColumnMixin


class SessionStore(UserColumnMixin, cached_db.SessionStore):
    pass
