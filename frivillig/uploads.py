"""One validator and one naming rule for every uploaded file in the portal.

Files are checked by their content, never by their name, stored under a generated name and served
only through a view that checks permissions (there is no MEDIA_URL).
"""

import contextlib
import logging
import uuid
import zipfile
from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponseRedirect
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", XLSX: ".xlsx"}
# The part an Office Open XML package must contain to be that kind of document.
OOXML_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}


def sniff_content_type(file):
    """The document type by its first bytes and structure, or None when it is none we accept."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as package:
                names = set(package.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            file.seek(0)
        for content_type, part in OOXML_MAIN_PART.items():
            if part in names:
                return content_type
    return None


@deconstructible
class DocumentValidator:
    """Accept a file no larger than the limit whose content is one of the allowed types."""

    def __init__(self, allowed=(PDF, DOCX), max_bytes=MAX_UPLOAD_BYTES):
        self.allowed = tuple(allowed)
        self.max_bytes = max_bytes

    def __call__(self, file):
        if file.size > self.max_bytes:
            raise ValidationError(
                _("The file is too large. The limit is %(limit)d MB."),
                code="file_too_large",
                params={"limit": self.max_bytes // (1024 * 1024)},
            )
        if sniff_content_type(file) not in self.allowed:
            names = ", ".join(EXTENSIONS[kind].lstrip(".").upper() for kind in self.allowed)
            raise ValidationError(
                _("The file must be one of these types: %(types)s."),
                code="file_type",
                params={"types": names},
            )

    def __eq__(self, other):
        return (
            isinstance(other, DocumentValidator)
            and self.allowed == other.allowed
            and self.max_bytes == other.max_bytes
        )


@deconstructible
class GeneratedName:
    """upload_to: a random name in a folder, keeping only a safe lower-case extension."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePath(filename).suffix.lower()
        if suffix not in EXTENSIONS.values():
            suffix = ""
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and self.folder == other.folder


class FileNotStored(Exception):
    """The storage refused a file (the admin's error; services raise their own)."""


@contextlib.contextmanager
def storage_refusal_as(error):
    """Around a save that stores an uploaded file: a storage that refuses it (a full disk, a
    lost network share) raises `error` with a message the person can act on instead of a 500,
    and the surrounding transaction rolls back, so no row is left without its file."""
    try:
        yield
    except OSError as refusal:
        logger.exception("The file storage refused an uploaded file")
        raise error(
            _(
                "The file could not be saved just now, so nothing was saved. Please try again "
                "later; if it keeps happening, contact the municipality."
            )
        ) from refusal


class StorageRefusalInAdmin:
    """For a ModelAdmin whose form or inlines take files: a refused file rolls the whole change
    back (the admin saves in one transaction) and the form comes back with the message."""

    def save_model(self, request, obj, form, change):
        with storage_refusal_as(FileNotStored):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with storage_refusal_as(FileNotStored):
            super().save_related(request, form, formsets, change)

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except FileNotStored as error:
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


def download(file, name):
    """The stored `file` as a download named `name` with the stored file's suffix (the suffix
    the content was checked to have, not the one the uploader typed)."""
    return FileResponse(
        file.open("rb"), as_attachment=True, filename=f"{name}{PurePath(file.name).suffix}"
    )
