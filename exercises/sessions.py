"""Django's database sessions, with the read on every request made by one hand-written
query (exercises/rawsql.py) instead of a freshly compiled ORM one. Writes are Django's."""

import logging

from django.contrib.sessions.backends import db
from django.core.exceptions import SuspiciousOperation
from django.db import router

from . import rawsql


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        try:
            session_key = self.session_key  # validated by the base class
            if not session_key:
                return None
            row = rawsql.live_session(session_key, self.model, using=router.db_for_read(self.model))
        except SuspiciousOperation as error:
            logging.getLogger(f"django.security.{error.__class__.__name__}").warning(str(error))
            row = None
        if row is None:
            self._session_key = None
        return row
