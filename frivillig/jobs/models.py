from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One run of a daily job (frivillig.jobs.services.job_run)."""

    name = models.CharField(_("job"), max_length=100)
    day = models.DateField(_("day"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-started_at"]
        constraints = [
            # A daily job does its work once a day: a second run finds the first and stops.
            models.UniqueConstraint(
                fields=["name", "day"],
                condition=Q(finished_at__isnull=False, error=""),
                name="jobs_one_success_a_day",
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=False) | Q(error=""),
                name="jobs_error_only_when_finished",
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.day}"


class Heartbeat(models.Model):
    """The worker's last sign of life, renewed every minute by a periodic task."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self):
        return self.name
