from django.apps import AppConfig
from django.utils.functional import lazy
from django.utils.translation import gettext


def group_name(municipality=None):
    """The municipality's own name for the group (“Frivillighedsrådet”), read when shown."""
    if municipality is None:
        from frivillig.selectors import municipality_get

        municipality = municipality_get()
    return (municipality.group_name if municipality else "") or gettext("Follow-up group")


def group_navigation_label(municipality):
    """The group's menu entry, left out when the municipality has no such group."""
    if municipality and not municipality.group_name:
        return None
    return group_name(municipality)


class FolgegruppeConfig(AppConfig):
    name = "folgegruppe"
    verbose_name = lazy(group_name, str)()
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
                "recurringevent",
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
        *(f"folgegruppe.{action}_eventregistration" for action in ("change", "delete", "view")),
    ]
    # Hooks the core app calls without importing this app (dependencies point one way).
    # A function of the municipality: the menu shows the group's own name.
    navigation = [(group_navigation_label, "folgegruppe:group")]
    event_sections = ["folgegruppe.views.event_section"]
    demo_seeds = ["folgegruppe.demo.seed"]
    datafile_sections = [
        "folgegruppe.datafile.GROUP_SEATS",
        "folgegruppe.datafile.GROUP_MEETINGS",
        "folgegruppe.datafile.EVENTS",
    ]
    association_export_sections = ["folgegruppe.privacy.association_group_data"]
    association_anonymise_hooks = ["folgegruppe.privacy.association_group_anonymise"]
