"""Keep people logged in across the move to `UserSession`: copy every unexpired session
from Django's own table, with the user id read from its data. The old rows stay where they
are (nothing reads them any more)."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations
from django.utils import timezone


def carry_over(apps, schema_editor):
    Session = apps.get_model("sessions", "Session")
    UserSession = apps.get_model("exercises", "UserSession")
    database = schema_editor.connection.alias
    # The signing salt is the store's class name: ours are SessionStore too, so the data
    # reads (and still reads after the copy). {} for data signed with another SECRET_KEY.
    decode = SessionStore().decode
    live = Session.objects.using(database).filter(expire_date__gt=timezone.now())
    copies = []
    for session in live.iterator():
        user_id = str(decode(session.session_data).get(SESSION_KEY, ""))
        copies.append(
            UserSession(
                session_key=session.session_key,
                session_data=session.session_data,
                expire_date=session.expire_date,
                user_id=int(user_id) if user_id.isdigit() else None,
            )
        )
    UserSession.objects.using(database).bulk_create(copies, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0004_user_session"),
        ("sessions", "0001_initial"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop, elidable=True)]
