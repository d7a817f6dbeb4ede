"""The recipient directory (danh bạ nơi nhận): matching printed names to entries and reusable lists."""
from __future__ import annotations

import re
from collections.abc import Callable

from documents.models import DocumentPage, DocumentRecipient, Recipient, RecipientList
from documents.text.vietnamese import nfc, prepare_index_text

_BULLET = re.compile(r"^\s*[-–—•+*]\s*")
_ARCHIVE = re.compile(r"^\s*lưu(?:\s*[:.]\s*|\s+)", re.IGNORECASE)
_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)\s*$")


def name_key(text: str) -> str:
    """Folded words only: spacing, case, marks and punctuation ("chính trị - xã hội") do not matter."""
    return prepare_index_text(text or "")


def clean_line(text: str) -> str:
    """A printed recipient line without its bullet and final punctuation: "- Văn phòng Tỉnh ủy," → name."""
    text = _BULLET.sub("", nfc(text or "")).strip()
    return text.rstrip(" ,;.").strip()


def archive_unit(text: str) -> str:
    """The unit keeping the file copy: "- Lưu Văn phòng Đảng ủy." or "Lưu: VT, TCCB" → without "Lưu"."""
    return _ARCHIVE.sub("", clean_line(text)).strip()


def _candidates(text: str) -> list[str]:
    """Keys to try, most specific first: the whole line, without "Lưu", without a trailing "(…)"."""
    name = clean_line(text)
    forms = [name]
    unarchived = _ARCHIVE.sub("", name)
    forms.append(unarchived)
    for form in list(forms):
        stripped = _TRAILING_BRACKET.sub("", form)
        if stripped and stripped != form:
            forms.append(stripped)
    keys: list[str] = []
    for form in forms:
        key = name_key(form)
        if key and key not in keys:
            keys.append(key)
    return keys


def recipient_matcher() -> Callable[[str], Recipient | None]:
    """``match_recipient`` for many lines (a document's Nơi nhận) with one read of the directory."""
    by_key: dict[str, Recipient] = {}
    aliases: dict[str, Recipient] = {}
    for entry in Recipient.objects.filter(active=True).order_by("pk"):  # the oldest entry wins a tie
        by_key.setdefault(name_key(entry.name), entry)
        for alias in entry.alias_list():
            aliases.setdefault(name_key(alias), entry)

    def match(name: str) -> Recipient | None:
        for key in _candidates(name):
            found = by_key.get(key) or aliases.get(key)  # names win over aliases
            if found is not None:
                return found
        return None

    return match


def match_recipient(name: str) -> Recipient | None:
    """The active directory entry whose name or alias equals ``name`` once folded, else None.

    Used by the importer for each "Nơi nhận" line: "Thành viên Ban chỉ đạo (theo QĐ số 105-QĐ/ĐU)" matches the
    class "Thành viên Ban chỉ đạo" when no entry carries the bracket; "Lưu Văn phòng Đảng ủy" matches the body.
    """
    return recipient_matcher()(name) if _candidates(name) else None


def apply_recipient_list(page: DocumentPage, recipient_list: RecipientList, *, commit: bool = True) -> list[DocumentRecipient]:
    """Append the entries of a named list to the page's Nơi nhận, skipping those already there.

    The archive copy stays last. With ``commit`` the page is saved (drafts); otherwise the caller saves or
    makes a revision.
    """
    current = list(page.recipients.all())
    present = {entry.recipient_id for entry in current if entry.recipient_id}
    present_names = {name_key(entry.name) for entry in current}
    added: list[DocumentRecipient] = []
    for item in recipient_list.entries.select_related("recipient").order_by("sort_order", "pk"):
        target = item.recipient
        if target.pk in present or name_key(target.name) in present_names:
            continue
        added.append(DocumentRecipient(name=target.name, recipient=target, purpose=item.purpose, archive=item.archive))
        present.add(target.pk)
    if not added:
        return []
    ordered = [e for e in current if not e.archive] + [e for e in added if not e.archive]
    ordered += [e for e in current if e.archive] + [e for e in added if e.archive]
    for index, entry in enumerate(ordered):
        entry.sort_order = index
    page.recipients = ordered
    if commit:
        page.save()
    return added
