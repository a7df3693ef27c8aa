from django.core.management.base import BaseCommand

from exercises.catalog import load_catalog


class Command(BaseCommand):
    help = "Load the ten exercises. Safe to re-run: never duplicates, keeps admin edits."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite exercises that were edited in the admin with the shipped text.",
        )

    def handle(self, *args, force=False, **options):
        report = load_catalog(force=force)
        self.stdout.write(f"Catalog: {report.summary()}.")
