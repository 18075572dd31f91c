"""Daily jobs on the worker's schedule: each app declares its own in its `tasks` module, which
Procrastinate finds in every installed app."""

from django.db import close_old_connections
from procrastinate.contrib.django import app

from frivillig.jobs.services import job_run


def daily_job(*, name, cron, function):
    """A periodic task (cron in UTC) that runs `function` once a day through job_run, which
    records the run for the consultant; `function` returns its summary."""

    @app.periodic(cron=cron)
    @app.task(name=f"jobs.{name}", queue="jobs")
    def task(timestamp):
        close_old_connections()
        try:
            job_run(name, function)
        finally:
            close_old_connections()

    return task
