"""What the feature apps contribute to the core app's pages, declared on their AppConfig.

The core app may not import the feature apps (dependencies point one way), so each app lists
its contributions as attributes and the core collects them here.
"""

from django.apps import apps
from django.utils.module_loading import import_string


def app_attribute(name):
    """Every item of the AppConfig attribute `name`, over all installed apps in order."""
    return [item for config in apps.get_app_configs() for item in getattr(config, name, [])]


def app_callables(name):
    return [import_string(path) for path in app_attribute(name)]
