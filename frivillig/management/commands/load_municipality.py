from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError

from frivillig import datafile


class Command(BaseCommand):
    help = "Load a municipality's data file (YAML or JSON); loading it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="for example frivillig/data/faaborg-midtfyn.yaml")

    def handle(self, *args, path, **options):
        try:
            data = datafile.read(path)
            datafile.municipality_load(data=data)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: the file is not UTF-8 text") from None
        except datafile.DataFileError as error:
            raise CommandError(error.with_path(path)) from None
        except ProtectedError as error:
            # Rows the file no longer names but that other data still uses (an egn with
            # activities, a focus area with action plans) are kept rather than lost.
            used = ", ".join(sorted({str(obj) for obj in error.protected_objects})[:5])
            raise CommandError(
                f"{path}: the file removes something that is still in use and cannot be "
                f"deleted ({used}). Keep it in the file, or move what uses it first."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {data['municipality']['name']}: {len(data['focus_areas'])} focus areas, "
                f"{len(data['regions'])} regions, {len(data['target_groups'])} target groups, "
                f"{len(data['pages'])} pages."
            )
        )
