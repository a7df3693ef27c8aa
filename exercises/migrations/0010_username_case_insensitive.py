"""Usernames are unique regardless of case, in the database: "Alex" and "alex" can't both
exist, even when two sign-ups race past the form's check. Django's auth app owns the user
table, so the constraint is added here through the schema editor (the same index on
SQLite and PostgreSQL: UNIQUE on LOWER(username))."""

from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Lower

CONSTRAINT = models.UniqueConstraint(Lower("username"), name="username_unique_ignoring_case")


def add_constraint(apps, schema_editor):
    User = apps.get_model(settings.AUTH_USER_MODEL)
    clashes = (
        User.objects.annotate(folded=Lower("username"))
        .values("folded")
        .annotate(count=models.Count("id"))
        .filter(count__gt=1)
        .values_list("folded", flat=True)
    )
    if clashes:
        names = ", ".join(sorted(clashes))
        raise RuntimeError(
            "Some usernames differ only by case, so they can't be made unique ignoring case: "
            f"{names}. Rename all but one of each (in the admin or the shell), then migrate again."
        )
    schema_editor.add_constraint(User, CONSTRAINT)


def remove_constraint(apps, schema_editor):
    schema_editor.remove_constraint(apps.get_model(settings.AUTH_USER_MODEL), CONSTRAINT)


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0009_versions_cautions_flare_ups"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_constraint, remove_constraint)]
