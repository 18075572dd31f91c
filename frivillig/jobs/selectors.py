from datetime import timedelta

from django.utils import timezone

from frivillig.jobs.models import Heartbeat
from frivillig.jobs.services import WORKER

# The heartbeat task runs every minute; three missed beats mean the worker has stopped.
STALE_AFTER = timedelta(minutes=3)


def worker_alive():
    return Heartbeat.objects.filter(name=WORKER, beat_at__gte=timezone.now() - STALE_AFTER).exists()
