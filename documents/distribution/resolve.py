"""Resolve a document's Nơi nhận into individual receivers: groups and classes expanded, duplicates merged."""
from __future__ import annotations

from dataclasses import dataclass, field

from documents.models import DeliveryChannel, DocumentPage, Recipient, RecipientKind

from .directory import archive_unit, clean_line, name_key, recipient_matcher


@dataclass
class Target:
    """One future delivery: who, over which channel, and through which Nơi nhận lines."""

    channel: str
    target_key: str
    name: str
    recipient: Recipient | None = None
    user: object | None = None
    email: str = ""
    via: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)

    def merge(self, other: Target) -> None:
        for line in other.via:
            if line not in self.via:
                self.via.append(line)
        for purpose in other.purposes:
            if purpose and purpose not in self.purposes:
                self.purposes.append(purpose)
        if self.recipient is None:
            self.recipient = other.recipient


def _contact_targets(recipient: Recipient) -> list[Target]:
    """The channels on which one directory entry itself can be reached."""
    targets: list[Target] = []
    user = recipient.user if recipient.user is not None and recipient.user.is_active else None
    email = (recipient.email or (user.email if user else "")).strip().lower()
    if user is not None:
        targets.append(Target(DeliveryChannel.INBOX, f"user:{user.pk}", recipient.name, recipient, user, email))
    if email:
        targets.append(Target(DeliveryChannel.EMAIL, f"email:{email}", recipient.name, recipient, user, email))
    return targets


def expand(recipient: Recipient, seen: set[int] | None = None) -> list[Target]:
    """Receivers of one directory entry: its own contact, then its members (recursively, cycles ignored).

    An entry that can be reached neither directly nor through members becomes a manual delivery for the clerk.
    """
    seen = seen if seen is not None else set()
    if recipient.pk in seen:
        return []
    seen.add(recipient.pk)
    targets = _contact_targets(recipient)
    if recipient.kind in (RecipientKind.GROUP, RecipientKind.CLASS) or not targets:
        for member in recipient.members.filter(active=True).select_related("user").order_by("pk"):
            targets += expand(member, seen)
    if not targets:
        targets.append(Target(DeliveryChannel.MANUAL, f"recipient:{recipient.pk}", recipient.name, recipient))
    return targets


def resolve_document(page: DocumentPage) -> list[Target]:
    """All receivers of a document in Nơi nhận order, each receiver and channel once."""
    merged: dict[tuple[str, str], Target] = {}
    match = None  # the directory is read once, and only when a line is not linked to it
    for entry in page.recipients.select_related("recipient", "recipient__user").order_by("sort_order", "pk"):
        line = clean_line(entry.name) or (entry.recipient.name if entry.recipient_id else "")
        if entry.archive:
            unit = archive_unit(line) or line
            found = [Target(DeliveryChannel.ARCHIVE, f"archive:{name_key(unit)}", unit, entry.recipient)]
        else:
            recipient = entry.recipient
            if not entry.recipient_id:
                match = match or recipient_matcher()
                recipient = match(entry.name)
            if recipient is not None and recipient.active:
                found = expand(recipient)
            else:  # free text: the clerk sends it by hand and records it
                found = [Target(DeliveryChannel.MANUAL, f"text:{name_key(line)}", line, recipient)]
        for target in found:
            target.via = [line]
            target.purposes = [entry.purpose] if entry.purpose else []
            key = (target.channel, target.target_key)
            if key in merged:
                merged[key].merge(target)
            else:
                merged[key] = target
    return list(merged.values())
