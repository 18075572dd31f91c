"""One validator and one naming rule for every uploaded file in the portal.

Files are checked by their content, never by their name, stored under a generated name and served
only through a view that checks permissions (there is no MEDIA_URL).
"""

import uuid
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

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
