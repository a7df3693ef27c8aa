"""Keep people logged in across the move back to Django's own session table: copy every
unexpired `UserSession` row into `django_session` (replacing any older copy of the same
key there), then drop `UserSession`. Its data is Django's own session encoding, so the
rows read the same through `django.contrib.sessions.backends.db`."""

from django.db import migrations
from django.utils import timezone


def carry_back(apps, schema_editor):
    Session = apps.get_model("sessions", "Session")
    UserSession = apps.get_model("exercises", "UserSession")
    database = schema_editor.connection.alias
    live = UserSession.objects.using(database).filter(expire_date__gt=timezone.now())
    copies = [
        Session(
            session_key=row.session_key,
            session_data=row.session_data,
            expire_date=row.expire_date,
        )
        for row in live.iterator()
    ]
    Session.objects.using(database).bulk_create(
        copies,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["session_key"],
        update_fields=["session_data", "expire_date"],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0005_carry_over_sessions"),
        ("sessions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(carry_back, migrations.RunPython.noop, elidable=True),
        migrations.DeleteModel(name="UserSession"),
    ]
