from frivillig.jobs.schedule import daily_job
from puljer.services import reports_remind

remind_reports = daily_job(
    name="remind_reports",
    cron="15 6 * * *",
    function=lambda: f"{reports_remind()} reminder(s) sent",
)
