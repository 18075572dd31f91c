from django.core.management.base import BaseCommand, CommandError

from frivillig import datafile
from frivillig.services import municipality_load


class Command(BaseCommand):
    help = "Load a municipality's data file (YAML or JSON); loading it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", help="for example frivillig/data/faaborg-midtfyn.yaml")

    def handle(self, *args, path, **options):
        try:
            data = datafile.read(path)
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: the file is not UTF-8 text") from None
        except datafile.DataFileError as error:
            raise CommandError(error.with_path(path)) from None
        municipality_load(data=data)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {data['municipality']['name']}: {len(data['focus_areas'])} focus areas, "
                f"{len(data['regions'])} regions, {len(data['target_groups'])} target groups, "
                f"{len(data['pages'])} pages."
            )
        )
