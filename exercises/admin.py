from django.contrib import admin

from .models import (
    ActivityLog,
    Benefit,
    Exercise,
    ExerciseCheck,
    FlareUp,
    Focus,
    Profile,
    Routine,
    RoutineItem,
    SessionLog,
)


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "version_of",
        "version_kind",
        "kind",
        "level",
        "equipment",
        "duration_minutes",
        "position",
    ]
    list_filter = ["kind", "level", "equipment", "version_kind", "focus", "benefits", "per_side"]
    search_fields = ["name", "slug", "summary", "why", "steps"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["focus", "benefits", "related"]
    autocomplete_fields = ["variation_of", "version_of"]
    list_editable = ["position"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "why", "position"]}),
        (
            "How to do it",
            {"fields": ["steps", "breathing", "mistakes", "cautions", "check_first"]},
        ),
        (
            "Classification",
            {"fields": ["kind", "level", "equipment", "focus", "benefits", "duration_minutes"]},
        ),
        (
            "Default dose",
            {"fields": ["default_sets", "default_reps", "default_hold_seconds", "per_side"]},
        ),
        ("Picture and links", {"fields": ["image", "image_alt", "variation_of", "related"]}),
        (
            "Easier or harder version of another exercise",
            {"fields": ["version_of", "version_kind", "when_to_move"]},
        ),
    ]


@admin.register(Focus)
class FocusAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]


@admin.register(Benefit)
class BenefitAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "time_zone", "week_start", "reminder_time"]
    list_filter = ["week_start"]
    search_fields = ["user__username"]
    exclude = ["calendar_token", "safety_check_answers"]


class RoutineItemInline(admin.TabularInline):
    model = RoutineItem
    extra = 0
    autocomplete_fields = ["exercise"]


@admin.register(Routine)
class RoutineAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "time_of_day", "active"]
    list_filter = ["active"]
    search_fields = ["name", "owner__username"]
    inlines = [RoutineItemInline]


class ExerciseCheckInline(admin.TabularInline):
    model = ExerciseCheck
    extra = 0


@admin.register(SessionLog)
class SessionLogAdmin(admin.ModelAdmin):
    list_display = ["owner", "routine_name", "date", "pain_before", "pain_after", "finished_at"]
    list_filter = ["date"]
    search_fields = ["owner__username", "routine_name"]
    date_hierarchy = "date"
    inlines = [ExerciseCheckInline]


@admin.register(ActivityLog)
class ActivityLogAdmin(admin.ModelAdmin):
    list_display = ["owner", "kind", "minutes", "date"]
    list_filter = ["kind"]
    search_fields = ["owner__username"]


@admin.register(FlareUp)
class FlareUpAdmin(admin.ModelAdmin):
    list_display = ["owner", "start", "last_day", "ended_on"]
    search_fields = ["owner__username"]
    date_hierarchy = "start"
