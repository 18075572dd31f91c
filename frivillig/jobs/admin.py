from django.contrib import admin

from frivillig.jobs.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["name", "day", "started_at", "finished_at", "result", "error"]
    list_filter = ["name"]
    date_hierarchy = "started_at"
    readonly_fields = ["name", "day", "started_at", "finished_at", "result", "error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
