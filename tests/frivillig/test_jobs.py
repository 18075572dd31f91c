"""The worker's schedule: daily jobs recorded for the consultant, once a day, and its heartbeat."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from procrastinate.contrib.django import app

from foreninger.services import associations_remind_stale
from frivillig.jobs.models import Heartbeat, JobRun
from frivillig.jobs.services import heartbeat_beat, job_run
from tests import factories


def test_the_schedule_runs_each_job_at_its_time():
    assert {
        name: task.cron for (name, _), task in app.periodic_registry.periodic_tasks.items()
    } == {
        "outbox.deliver_periodically": "* * * * *",
        "jobs.heartbeat": "* * * * *",
        "jobs.apply_retention": "30 1 * * *",
        "jobs.refresh_cvr": "0 2 * * *",
        "jobs.remind_stale_associations": "0 6 * * *",
        "jobs.remind_reports": "15 6 * * *",
        "jobs.remind_assessors": "20 6 * * *",
        "jobs.sync_payments": "30 6 * * *",
    }


def test_a_daily_job_run_twice_on_a_day_sends_nothing_the_second_time(faaborg):
    factories.association(confirmed_on=timezone.localdate() - timedelta(days=400))
    first = job_run("remind_stale_associations", associations_remind_stale)
    second = job_run("remind_stale_associations", associations_remind_stale)
    assert len(mail.outbox) == 1
    assert (first.result, first.error, second) == ("1", "", None)
    assert first.finished_at is not None


def test_a_failed_run_records_its_error_and_the_next_run_tries_again(db):
    def broken():
        raise ConnectionError("CVR answers nothing")

    with pytest.raises(ConnectionError, match="CVR answers nothing"):
        job_run("refresh_cvr", broken)
    run = job_run("refresh_cvr", lambda: "3 associations checked")
    assert list(JobRun.objects.order_by("pk").values_list("result", "error")) == [
        ("", "ConnectionError: CVR answers nothing"),
        ("3 associations checked", ""),
    ]
    assert run.result == "3 associations checked"


def test_the_consultant_sees_the_last_runs(client, consultant):
    job_run("apply_retention", lambda: "outbox: 2 messages deleted")
    client.force_login(consultant)
    page = client.get(reverse("admin:jobs_jobrun_changelist"))
    assert "outbox: 2 messages deleted" in page.content.decode()


def test_the_worker_health_is_503_without_a_heartbeat(client, db):
    response = client.get("/healthz/worker/")
    assert (response.status_code, response.content) == (503, b"worker stopped\n")


def test_the_worker_health_is_200_after_a_heartbeat(client, db):
    heartbeat_beat()
    response = client.get("/healthz/worker/")
    assert (response.status_code, response.content) == (200, b"ok\n")


def test_the_worker_health_is_503_when_the_heartbeat_is_over_three_minutes_old(client, db):
    Heartbeat.objects.create(
        name="worker", beat_at=timezone.now() - timedelta(minutes=3, seconds=5)
    )
    assert client.get("/healthz/worker/").status_code == 503
