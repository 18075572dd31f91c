from frivillig.jobs.schedule import daily_job
from puljer.assessment.services import assessors_remind

remind_assessors = daily_job(
    name="remind_assessors",
    cron="20 6 * * *",
    function=lambda: f"{assessors_remind()} reminder(s) sent",
)
