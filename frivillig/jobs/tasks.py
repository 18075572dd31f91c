from django.db import close_old_connections
from procrastinate.contrib.django import app

from frivillig.jobs.services import heartbeat_beat


@app.periodic(cron="* * * * *")
@app.task(name="jobs.heartbeat", queue="jobs")
def heartbeat(timestamp):
    close_old_connections()
    heartbeat_beat()
