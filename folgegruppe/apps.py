from django.apps import AppConfig
from django.utils.functional import lazy
from django.utils.module_loading import import_string


def _selector(name):
    """`folgegruppe.selectors.<name>`, imported when called: apps.py is read before the models."""

    def call(*args):
        return import_string(f"folgegruppe.selectors.{name}")(*args)

    return call


class FolgegruppeConfig(AppConfig):
    name = "folgegruppe"
    verbose_name = lazy(_selector("group_name"), str)()
    consultant_permissions = [
        *(
            f"folgegruppe.{action}_{model}"
            for model in (
                "groupseat",
                "election",
                "candidate",
                "meeting",
                "meetingattachment",
                "meetingpartner",
            )
            for action in ("add", "change", "delete", "view")
        ),
        "folgegruppe.change_meetingsettings",
        "folgegruppe.view_meetingsettings",
        "folgegruppe.change_agendaproposal",
        "folgegruppe.view_agendaproposal",
        "folgegruppe.view_voterrecord",
        "folgegruppe.view_electionresult",
        "folgegruppe.view_electionlog",
    ]
    # Hooks the core app calls without importing this app (dependencies point one way).
    # A function of the municipality: the menu shows the group's own name.
    navigation = [(_selector("group_navigation_label"), "folgegruppe:group")]
    # The elections held at an event, on the events app's page.
    event_sections = ["folgegruppe.views.event_section"]
    demo_seeds = ["folgegruppe.demo.seed"]
    # The group's page and an election's published result are cached under these. The votes
    # (voter records, ballots, their choices) renew nothing: a page that changed with each vote
    # would tell a watcher how many had voted before the voting closed.
    page_scope_models = [
        ("folgegruppe", f"folgegruppe.{model}")
        for model in (
            "GroupSeat",
            "Election",
            "Candidate",
            "ElectionResult",
            "CandidateResult",
            "Meeting",
            "MeetingPartner",
        )
    ]
    datafile_sections = [
        "folgegruppe.datafile.GROUP_SEATS",
        "folgegruppe.datafile.GROUP_MEETINGS",
    ]
    association_export_sections = ["folgegruppe.privacy.association_group_data"]
    association_anonymise_hooks = ["folgegruppe.privacy.association_group_anonymise"]
