from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArrangementerConfig(AppConfig):
    """The municipality's events: calendar, workshops, associations' sign-up, recurring events."""

    name = "frivillig.arrangementer"
    label = "arrangementer"
    verbose_name = _("Events")
    # Hooks the core app calls without importing this app (dependencies point one way).
    consultant_permissions = [
        *(
            f"arrangementer.{action}_{model}"
            for model in ("event", "recurringevent", "workshopquestion", "workshoptag")
            for action in ("add", "change", "delete", "view")
        ),
        # Workshop input comes from the public form; the consultant reads, tags and deletes it.
        *(f"arrangementer.{action}_workshopresponse" for action in ("change", "delete", "view")),
        "arrangementer.delete_workshopanswer",
        "arrangementer.view_workshopanswer",
        # Sign-ups come from the associations; the consultant corrects or removes them.
        *(f"arrangementer.{action}_eventregistration" for action in ("change", "delete", "view")),
    ]
    navigation = [(_("Events"), "event_list")]
    home_sections = ["frivillig.arrangementer.views.home_section"]
    # Counted with the municipality's data since the data versions began (frivillig.pagecache).
    page_scope_models = [("frivillig", "arrangementer.Event")]
    datafile_sections = [
        "frivillig.arrangementer.workshops.WORKSHOPS_SECTION",
        "frivillig.arrangementer.datafile.RECURRING_EVENTS",
    ]
    demo_seeds = ["frivillig.arrangementer.demo.seed"]
    association_export_sections = ["frivillig.arrangementer.privacy.association_event_data"]
    association_anonymise_hooks = ["frivillig.arrangementer.privacy.association_events_anonymise"]
    retention_tasks = ["frivillig.arrangementer.workshops.workshop_responses_apply_retention"]
