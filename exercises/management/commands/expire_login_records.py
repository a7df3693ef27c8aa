"""Delete login records older than BACKCARE_LOGIN_RECORD_DAYS (30 by default)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from exercises.throttle import expire_login_records


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        deleted = expire_login_records()
        days = settings.BACKCARE_LOGIN_RECORD_DAYS
        self.stdout.write(f"Deleted {deleted} login record(s) older than {days} days.")
