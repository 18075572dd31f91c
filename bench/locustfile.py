"""The people of `make load` (bench/load.py): citizens who search and read, members of
associations who draft and submit applications, and consultants who decide them in the admin.

bench/load.py writes the accounts and pages they use to the JSON file in LOAD_PEOPLE.
"""

import itertools
import json
import os
import random
import re

from django_otp.oath import totp
from locust import HttpUser, between, task

PEOPLE = json.loads(open(os.environ["LOAD_PEOPLE"], encoding="utf-8").read())  # noqa: SIM115
PDF = b"%PDF-1.7\n%%EOF\n"
MEMBERS = itertools.cycle(PEOPLE["members"])
CONSULTANTS = itertools.cycle(PEOPLE["consultants"])
SUBMITTED = re.compile(r"/admin/puljer/application/(\d+)/change/")
# Which page a simulated person reads next; nothing secret.
choose = random.Random().choice  # noqa: S311


class Person(HttpUser):
    abstract = True

    def post_form(self, path, data, *, name=None, files=None, saved=False):
        """POST a form as the browser would, with the CSRF token of this person's cookie. With
        `saved`, a form shown again instead of the redirect after saving counts as failed."""
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            path, data=data, files=files, name=name or path, catch_response=True
        ) as response:
            if saved and response.ok and not response.history:
                response.failure("the form was shown again")
            return response

    def log_in(self, email, password):
        self.client.get("/konto/login/")
        self.post_form("/konto/login/", {"username": email, "password": password})


class Citizen(Person):
    wait_time = between(2, 8)

    @task(3)
    def search(self):
        word, region = choose(PEOPLE["words"]), choose(PEOPLE["regions"])
        self.client.get(f"/foreninger/?q={word}&egn={region}", name="/foreninger/?q=…")

    @task(3)
    def association(self):
        self.client.get(choose(PEOPLE["associations"]), name="/foreninger/[slug]/")

    @task(1)
    def front_page(self):
        self.client.get("/")

    @task(1)
    def focus_area(self):
        self.client.get(choose(PEOPLE["focus_areas"]), name="/indsatsomraader/[slug]/")

    @task(1)
    def grants(self):
        self.client.get(PEOPLE["transparency"], name="/puljer/[year]/")


class Member(Person):
    """Saves a draft application with its annual accounts, then submits it, again and again."""

    fixed_count = 25
    wait_time = between(2, 6)

    def on_start(self):
        self.me = next(MEMBERS)
        self.log_in(self.me["email"], PEOPLE["password"])

    @task
    def draft_and_submit(self):
        association, round_ = self.me["association"], PEOPLE["round"]
        # The draft exists once the form is first saved (with the files chosen on it).
        draft = self.post_form(
            f"/mine-foreninger/{association}/ansoegninger/ny/{round_}/",
            PEOPLE["application"],
            files={"upload-accounts": ("accounts.pdf", PDF, "application/pdf")},
            name="save a draft",
            saved=True,
        )
        found = re.search(r"/ansoegninger/(\d+)/$", draft.url or "")
        if not draft.history or not found:
            return
        self.post_form(
            f"/mine-foreninger/{association}/ansoegninger/{found.group(1)}/",
            {**PEOPLE["application"], "submit": "1"},
            name="submit",
            saved=True,
        )


class Consultant(Person):
    """Grants the submitted applications in the admin, one at a time."""

    fixed_count = 3
    wait_time = between(3, 10)

    def on_start(self):
        me = next(CONSULTANTS)
        self.log_in(me["email"], PEOPLE["password"])
        self.post_form(
            "/konto/to-faktor/", {"token": f"{totp(bytes.fromhex(me['key'])):06d}"}, name="2fa"
        )

    @task
    def decide(self):
        listing = self.client.get(
            "/admin/puljer/application/?status__exact=submitted", name="admin: submitted"
        )
        waiting = SUBMITTED.findall(listing.text)
        if not waiting:
            return
        decide = f"/admin/puljer/application/{choose(waiting)}/beslut/"
        self.client.get(decide, name="admin: decide form")
        self.post_form(decide, {"amount": "10000"}, name="admin: decide")
