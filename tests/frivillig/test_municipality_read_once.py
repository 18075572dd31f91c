"""A request reads the municipality once, however many parts of its page ask for it (the
admin's app list, the group's name, two-factor), and again after saving it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frivillig.models import Municipality
from frivillig.selectors import municipality_get, municipality_read_once


def _reads(queries):
    """The queries that read the municipality: municipality_get's, and the frame's (which reads
    it with the content pages and the data versions)."""
    return [q["sql"] for q in queries if 'FROM "frivillig_municipality"' in q["sql"]]


def test_an_admin_page_reads_the_municipality_once(client, faaborg, consultant):
    client.force_login(consultant)
    client.get("/admin/foreninger/association/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/foreninger/association/").status_code == 200
    assert len(_reads(queries)) == 1


def test_within_a_request_a_saved_municipality_is_read_again(faaborg):
    with municipality_read_once():
        with CaptureQueriesContext(connection) as queries:
            assert municipality_get().name == "Faaborg-Midtfyn Kommune"
            assert municipality_get().name == "Faaborg-Midtfyn Kommune"
        assert len(queries) == 1
        municipality = Municipality.objects.get()
        municipality.name = "Frivilligby Kommune"
        municipality.save()
        with CaptureQueriesContext(connection) as queries:
            assert municipality_get().name == "Frivilligby Kommune"
        assert len(queries) == 1
    # Outside a request every call reads.
    with CaptureQueriesContext(connection) as queries:
        municipality_get()
        municipality_get()
    assert len(queries) == 2
