"""The hooks: what an app contributes to other apps' pages and commands, declared on its AppConfig.

An app may not import the apps that depend on it (dependencies point one way), so each app lists
its contributions as attributes of its AppConfig and the app that uses them collects them here.
`HOOKS` below is the whole contract, as pretix documents each plugin signal: every hook an app
may declare, with what its items are, what they return, what they mean and in which order they
run. The system check `check_hooks` refuses an attribute that is not in it (a misspelt hook would
otherwise be ignored without a word) and a dotted path that does not import.

Every hook is a list. Unless a row says otherwise, items are used app by app in INSTALLED_APPS
order and, within an app, in the order listed.
"""

import inspect
import sys
from dataclasses import dataclass
from pathlib import Path
from types import FunctionType

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Hook:
    name: str
    # Items are dotted paths, imported when used, so that the app declaring them may import
    # the app that uses them without a circular import.
    dotted: bool
    item: str
    returns: str
    meaning: str
    order: str = "INSTALLED_APPS order"


RETENTION_SIGNATURE = "(*, today=None)"

HOOKS = {
    hook.name: hook
    for hook in [
        Hook(
            "navigation",
            dotted=False,
            item="(label, url name): label a text, or a function (municipality) -> text or None",
            returns="-",
            meaning="An entry of the main menu; a label of None leaves the entry out.",
        ),
        Hook(
            "focus_area_sections",
            dotted=True,
            item="function (request, focus_area)",
            returns="(template name, context)",
            meaning="A section of the focus area page; read only when its cached copy is missing.",
        ),
        Hook(
            "home_sections",
            dotted=True,
            item="function (request)",
            returns="(template name, context), or None to show nothing",
            meaning="A section of the front page under its tasks, such as the next events; "
            "read only when its cached copy is missing, which is renewed with every data "
            "version scope and each day.",
        ),
        Hook(
            "association_sections",
            dotted=True,
            item="function (request, association)",
            returns="(template name, context), or None to show nothing",
            meaning="A section of an association's public page, such as its volunteer jobs; "
            "read only when the page's cached copy is missing, which is renewed with every "
            "data version scope and each day.",
        ),
        Hook(
            "page_scope_models",
            dotted=False,
            item="(data version scope, “app_label.Model”) for one of the app's own models",
            returns="-",
            meaning="A model whose rows a cached public page shows: a write to its table or its "
            "many-to-many tables renews the scope's number (frivillig.pagecache). After a change "
            "the app adds a migration with `pagecache.triggers_sync(app_label)`.",
            order="none (a set)",
        ),
        Hook(
            "event_sections",
            dotted=True,
            item="function (request, event)",
            returns="(template name, context)",
            meaning="A section of an event's page (frivillig.arrangementer), such as the "
            "follow-up group's elections held at the event.",
        ),
        Hook(
            "association_dashboard_sections",
            dotted=True,
            item="function (request, association)",
            returns="(template name, context), or None to show nothing",
            meaning="A section of an association's card on “My associations”, such as its "
            "grant applications, shown to its members.",
        ),
        Hook(
            "admin_dashboard_counts",
            dotted=True,
            item="function (request)",
            returns="a list of (label, count, URL of the filtered list) the user may open",
            meaning="What awaits the consultant, counted on the admin's index page; each count "
            "links to the list it counts.",
        ),
        Hook(
            "association_member_links",
            dotted=False,
            item="(label, url name taking an association's pk)",
            returns="-",
            meaning="A link for each association on “My associations” and its edit page.",
        ),
        Hook(
            "professional_login",
            dotted=True,
            item="function (request, organisation): organisation a dict with the CVR number "
            "(cvr), its name (organisation) and whether the privileges let the person act for it "
            "(may_act)",
            returns="a URL to go to next, or None",
            meaning="Where a person goes after logging in with MitID Erhverv for an "
            "organisation (frivillig.identity); the first URL wins.",
        ),
        Hook(
            "open_data_endpoints",
            dotted=False,
            item="(url name, description, [query parameters])",
            returns="-",
            meaning="An endpoint of the open data API, listed in its index after the HSDS ones.",
        ),
        Hook(
            "datafile_sections",
            dotted=True,
            item="a frivillig.datafile.Section",
            returns="-",
            meaning="A top-level section of the municipality's data file that the app checks and "
            "loads itself, inside the loading transaction, after the core's data.",
        ),
        Hook(
            "demo_seeds",
            dotted=True,
            item="function ()",
            returns="a one-line summary for the command's output",
            meaning="Demo data for `manage.py seed_demo`, after the core's demo data.",
            order="dependencies first: an app's demo after the demos of every app its models "
            "refer to, so the menu's order (INSTALLED_APPS) need not follow the demo's",
        ),
        Hook(
            "association_export_sections",
            dotted=True,
            item="function (association)",
            returns="dict of sections",
            meaning="The app's part of an association's data export (GDPR).",
        ),
        Hook(
            "association_anonymise_hooks",
            dotted=True,
            item="function (association)",
            returns="None",
            meaning="Removes the app's personal data of an association being anonymised; runs in "
            "its transaction, with the audit log off, after the association's own data; the "
            "association still holds its old values in memory.",
        ),
        Hook(
            "retention_tasks",
            dotted=True,
            item=f"function {RETENTION_SIGNATURE}",
            returns="a one-line summary for the command's output",
            meaning="Deletes what the privacy page says is deleted; `manage.py apply_retention` "
            "(daily) runs them, `today` defaulting to the current day.",
            order="dependants first: an app's tasks run before those of every app its models "
            "refer to (grant cases go before the associations they kept), so that what a "
            "dependant held on to can go in the same run; ties in INSTALLED_APPS order",
        ),
        Hook(
            "consultant_permissions",
            dotted=False,
            item="“app_label.codename” of a permission",
            returns="-",
            meaning="Permissions the consultant group holds (synced after each migrate).",
            order="none (a set)",
        ),
        Hook(
            "assessor_permissions",
            dotted=False,
            item="“app_label.codename” of a permission",
            returns="-",
            meaning="Permissions the assessor group holds (synced after each migrate): only "
            "what assessing a grant round's applications needs.",
            order="none (a set)",
        ),
        Hook(
            "partial_applications",
            dotted=True,
            item="function (user)",
            returns="a query of the ids of applications",
            meaning="The applications the user has declared themselves not impartial towards "
            "(forvaltningsloven § 3): the user neither sees them in the admin nor decides them.",
        ),
        Hook(
            "grant_decided_hooks",
            dotted=True,
            item="function (*, application, user)",
            returns="None",
            meaning="Runs when an application to a pool is decided, in the decision's "
            "transaction, after the application is saved and before its letter is sent.",
        ),
        Hook(
            "decision_letter_sections",
            dotted=True,
            item="function (application)",
            returns="(template name, context), or None to add nothing",
            meaning="A part of a grant's decision letter (Danish) after its terms, such as the "
            "payment plan; only for an application granted an amount. The template reads "
            "the context as `section` and its heading level as `top`.",
        ),
        Hook(
            "report_approved_hooks",
            dotted=True,
            item="function (*, application, user)",
            returns="None",
            meaning="Runs when an application's report is approved, in the approval's "
            "transaction, after the application and its timeline are saved and before the "
            "association is told, such as the payments releasing the instalment that waited.",
        ),
        Hook(
            "grant_money",
            dotted=True,
            item="function (applications, *, by): applications a queryset of puljer's "
            "Application, by one of its fields (“round__pool”, “pk”)",
            returns="{value of by: {“paid”: kroner, “repaid”: kroner}}, from one query",
            meaning="What was paid out of the grants and paid back, for the year's transparency "
            "page (read only when its cached copy is missing) and its CSV; the sums of every "
            "app are added up. The tables it reads belong in the “puljer” page scope "
            "(`page_scope_models`), so that a payment shows at once.",
        ),
    ]
}


def _hook(name):
    if name not in HOOKS:
        raise ImproperlyConfigured(f"{name!r} is not a hook listed in frivillig.hooks.HOOKS")
    return HOOKS[name]


def app_attribute(name, configs=None):
    """Every item of the hook `name`, over the installed apps (or `configs`) in order."""
    _hook(name)
    configs = apps.get_app_configs() if configs is None else configs
    return [item for config in configs for item in getattr(config, name, [])]


def app_callables(name, configs=None):
    if not _hook(name).dotted:
        raise ImproperlyConfigured(f"the items of {name!r} are not dotted paths")
    return [import_string(path) for path in app_attribute(name, configs)]


def _refers_to(config):
    """The other apps whose models this app's models point to (foreign keys, many-to-many)."""
    return {
        field.related_model._meta.app_config
        for model in config.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model is not None
    } - {config}


def _in_dependency_order(*, dependants_first):
    """The installed apps, each before (or after) every app its models refer to, even through
    other apps; ties keep INSTALLED_APPS order."""
    remaining = list(apps.get_app_configs())
    refers = {config: _refers_to(config) for config in remaining}

    def free(config):
        if dependants_first:
            return not any(config in refers[other] for other in remaining)
        return not any(other in refers[config] for other in remaining)

    ordered = []
    while remaining:
        ready = [config for config in remaining if free(config)]
        if not ready:
            names = ", ".join(config.label for config in remaining)
            raise ImproperlyConfigured(f"the models of these apps refer to each other: {names}")
        ordered.append(ready[0])
        remaining.remove(ready[0])
    return ordered


def retention_tasks():
    """Every app's retention tasks, in the order HOOKS["retention_tasks"] states."""
    return app_callables("retention_tasks", _in_dependency_order(dependants_first=True))


def demo_seeds():
    """Every app's demo seed, in the order HOOKS["demo_seeds"] states."""
    return app_callables("demo_seeds", _in_dependency_order(dependants_first=False))


def _in_project(cls):
    file = getattr(sys.modules.get(cls.__module__), "__file__", None)
    if file is None:  # a built-in class such as object
        return False
    path = Path(file).resolve()
    return path.is_relative_to(settings.BASE_DIR) and "site-packages" not in path.parts


# Set on every AppConfig when it is created, or read by Django from its class (`default`),
# besides the class attributes of AppConfig.
DJANGO_ATTRIBUTES = {
    "name",
    "module",
    "apps",
    "label",
    "verbose_name",
    "path",
    "models_module",
    "default",
}


def _declared(config):
    """The public data attributes this project's classes give the AppConfig, and the attributes
    every AppConfig of its kind has (Django's, and AdminConfig's `default_site`)."""
    declared, standard = {}, set(DJANGO_ATTRIBUTES)
    for cls in reversed(type(config).__mro__):
        if not _in_project(cls):
            standard.update(vars(cls))
            continue
        for name, value in vars(cls).items():
            if not name.startswith("_") and not isinstance(
                value, (FunctionType, classmethod, staticmethod, property)
            ):
                declared[name] = value
    return {name: value for name, value in declared.items() if name not in standard}


def _path_errors(config, name, paths):
    errors = []
    for path in paths:
        try:
            target = import_string(path)
        except ImportError as error:
            errors.append(
                checks.Error(
                    f"{type(config).__name__}.{name} names {path!r}, which does not import: "
                    f"{error}",
                    obj=config,
                    id="frivillig.E002",
                )
            )
            continue
        if name == "retention_tasks" and str(inspect.signature(target)) != RETENTION_SIGNATURE:
            errors.append(
                checks.Error(
                    f"The retention task {path} takes {inspect.signature(target)}; every "
                    f"retention task takes {RETENTION_SIGNATURE}.",
                    obj=config,
                    id="frivillig.E003",
                )
            )
    return errors


def check_hooks(app_configs=None, **kwargs):
    """The project's AppConfigs declare only hooks of HOOKS, and their dotted paths import
    (registered in FrivilligConfig.ready)."""
    errors = []
    for config in apps.get_app_configs() if app_configs is None else app_configs:
        if not _in_project(type(config)):
            continue
        for name, value in _declared(config).items():
            hook = HOOKS.get(name)
            if hook is None:
                errors.append(
                    checks.Error(
                        f"{type(config).__name__}.{name} is neither a hook of "
                        "frivillig.hooks.HOOKS nor an attribute of AppConfig.",
                        hint="Check the spelling, or add the new hook to HOOKS with its item, "
                        "return value, meaning and order.",
                        obj=config,
                        id="frivillig.E001",
                    )
                )
            elif hook.dotted:
                errors.extend(_path_errors(config, name, value))
    return errors
