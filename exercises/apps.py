from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "BackCare"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the handlers)
