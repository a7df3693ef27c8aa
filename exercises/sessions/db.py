"""Django's database sessions over `UserSession`. The read every request makes is one
query that brings the user and their profile along (exercises/rawsql.py); the auth
middleware (exercises/auth.py) uses that user instead of querying again."""

import logging

from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.db import router

from .. import rawsql
from . import UserColumnMixin


class SessionStore(UserColumnMixin, db.SessionStore):
    preloaded_user = None  # the user the session row came with, if any

    def _get_session_from_db(self):
        self.preloaded_user = None
        try:
            found = self.session_key and rawsql.live_session_with_user(
                self.session_key, using=router.db_for_read(self.model)
            )
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            found = None
        if not found:
            self._session_key = None
            return None
        session, self.preloaded_user = found
        return session
