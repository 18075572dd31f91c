from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """The worker's scheduled jobs: a record of each run, and the worker's heartbeat."""

    name = "frivillig.jobs"
    label = "jobs"
    verbose_name = _("Scheduled jobs")
    consultant_permissions = ["jobs.view_jobrun"]
