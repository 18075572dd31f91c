from django.conf import settings
from django.utils import timezone, translation

from frivillig.jobs.models import Heartbeat, JobRun

WORKER = "worker"


def job_run(name, function, *, today=None):
    """Run a daily job unless it already succeeded today, recording its start, end, and result
    or error; returns the run, or None when there was nothing to do. An error is recorded and
    raised again, so that the queue marks the job failed too."""
    today = today or timezone.localdate()
    if JobRun.objects.filter(name=name, day=today, finished_at__isnull=False, error="").exists():
        return None
    run = JobRun.objects.create(name=name, day=today)
    try:
        # The worker has no visitor's language: the mails go out in the portal's.
        with translation.override(settings.LANGUAGE_CODE):
            result = function()
    except Exception as error:
        run.error = f"{type(error).__name__}: {error}"
        run.finished_at = timezone.now()
        run.save(update_fields=["error", "finished_at"])
        raise
    run.result = str(result)
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "finished_at"])
    return run


def heartbeat_beat():
    Heartbeat.objects.update_or_create(name=WORKER, defaults={"beat_at": timezone.now()})
