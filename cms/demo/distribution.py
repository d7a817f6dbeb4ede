"""Demo step: the directory of phường La Gi's Nơi nhận and the issued demo documents sent (idempotent)."""
from __future__ import annotations

from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from documents.distribution.directory import name_key, recipient_matcher
from documents.distribution.receipt import acknowledge
from documents.distribution.sending import process_delivery_queue, send_document
from documents.models import (
    Delivery,
    DeliveryChannel,
    DeliveryStatus,
    DocumentPage,
    DocumentState,
    Issuer,
    Recipient,
    RecipientKind,
    RecipientList,
    RecipientListEntry,
)

MAIL = "lagi.example"
B, P, G, C = RecipientKind.BODY, RecipientKind.PERSON, RecipientKind.GROUP, RecipientKind.CLASS

# name → (kind, e-mail, issuer slug, members by name, aliases). Members are listed before the classes using them.
DIRECTORY: dict[str, tuple] = {
    "Văn phòng Tỉnh ủy": (B, "vanphong@tinhuy.lamdong.example", "", [], ["VP Tỉnh ủy"]),
    "Văn phòng Đảng ủy": (B, f"vanphong.danguy@{MAIL}", "van-phong-dang-uy", [], ["VPĐU"]),
    "Ban Xây dựng Đảng": (B, f"banxaydungdang@{MAIL}", "", [], []),
    "Ủy ban Kiểm tra Đảng ủy": (B, f"ubkt@{MAIL}", "", [], []),
    "Ủy ban Mặt trận Tổ quốc Việt Nam phường": (B, f"mattran@{MAIL}", "", [], []),
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường": (B, "", "", [], []),
    "Hội Liên hiệp Phụ nữ phường": (B, f"phunu@{MAIL}", "", [], []),
    "Hội Cựu chiến binh phường": (B, "", "", [], []),
    "Hội Nông dân phường": (B, "", "", [], []),
    "Thường trực Hội đồng nhân dân phường": (B, f"hdnd@{MAIL}", "", [], []),
    "Ủy ban nhân dân phường": (B, f"ubnd@{MAIL}", "ubnd-phuong-la-gi", [], []),
    "Phòng Kinh tế, Hạ tầng và Đô thị": (B, f"phongkinhte@{MAIL}", "", [], []),
    "Phòng Văn hóa - Xã hội": (B, f"phongvanhoa@{MAIL}", "", [], []),
    "Chi bộ Khu phố 1": (B, f"chibo.kp1@{MAIL}", "", [], []),
    "Chi bộ Khu phố 2": (B, "", "", [], []),
    "Đảng bộ Công an phường": (B, f"dangbo.congan@{MAIL}", "", [], []),
    "Chi bộ Quân sự phường": (B, "", "", [], []),
    # people (user accounts of the demo); e-mail taken from the account
    "person:lanhdao": (P, "", "", [], []),
    "person:thanhvien": (P, "", "", [], []),
    # standing groups and classes of the seed's Nơi nhận
    "Thường trực Đảng ủy": (G, "", "", ["person:lanhdao"], []),
    "Thường trực HĐND, UBND phường": (G, "", "", ["Thường trực Hội đồng nhân dân phường", "Ủy ban nhân dân phường"], []),
    "Mặt trận và các tổ chức chính trị - xã hội phường": (C, "", "", [
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường", "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường",
        "Hội Liên hiệp Phụ nữ phường", "Hội Cựu chiến binh phường", "Hội Nông dân phường"], []),
    "Các cơ quan tham mưu, giúp việc Đảng ủy": (C, "", "", [
        "Văn phòng Đảng ủy", "Ban Xây dựng Đảng", "Ủy ban Kiểm tra Đảng ủy"], []),
    "Các Phòng chuyên môn UBND phường": (C, "", "", ["Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Văn hóa - Xã hội"], []),
    "Các chi bộ trực thuộc Đảng ủy phường": (C, "", "", ["Chi bộ Khu phố 1", "Chi bộ Khu phố 2", "Chi bộ Quân sự phường"], []),
    "Các chi, đảng bộ cơ sở": (C, "", "", ["Các chi bộ trực thuộc Đảng ủy phường", "Đảng bộ Công an phường"], []),
    "Các đồng chí Đảng ủy viên": (C, "", "", ["person:lanhdao", "person:thanhvien"], ["Các đồng chí Ủy viên Ban Chấp hành Đảng bộ"]),
    "Thành viên Ban chỉ đạo": (C, "", "", ["person:lanhdao", "person:thanhvien"], []),
}

# The reusable list a drafter drops into a document of the ban chỉ đạo: the seed's Nơi nhận.
SEED_LIST = "Nơi nhận văn bản của Ban Chỉ đạo (như Quy chế 01-QC/BCĐ)"
SEED_LIST_ENTRIES: list[tuple[str, str, bool]] = [
    ("Văn phòng Tỉnh ủy", "", False), ("Thường trực Đảng ủy", "", False), ("Thường trực HĐND, UBND phường", "", False),
    ("Mặt trận và các tổ chức chính trị - xã hội phường", "", False), ("Các cơ quan tham mưu, giúp việc Đảng ủy", "", False),
    ("Các Phòng chuyên môn UBND phường", "", False), ("Các chi, đảng bộ cơ sở", "", False),
    ("Các chi bộ trực thuộc Đảng ủy phường", "", False), ("Các đồng chí Đảng ủy viên", "", False),
    ("Thành viên Ban chỉ đạo", "", False), ("Văn phòng Đảng ủy", "", True),
]


def _person(username: str) -> tuple[str, object | None]:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return username, None
    label = user.get_full_name() or user.get_username()
    return f"{label} ({user.get_username()})", user


def ensure_directory() -> dict[str, Recipient]:
    """Create or update the demo directory; returns entries by their key in DIRECTORY."""
    entries: dict[str, Recipient] = {}
    for key, (kind, email, issuer_slug, members, aliases) in DIRECTORY.items():
        user = None
        name = key
        if key.startswith("person:"):
            name, user = _person(key.split(":", 1)[1])
            email = user.email if user is not None else ""
        found = Recipient.objects.filter(user=user, kind=kind).first() if user is not None else None
        found = found or next((r for r in Recipient.objects.filter(kind=kind) if name_key(r.name) == name_key(name)), None)
        recipient = found or Recipient(kind=kind)
        recipient.name, recipient.email, recipient.user = name, email, user
        recipient.issuer = Issuer.objects.filter(slug=issuer_slug).first() if issuer_slug else None
        recipient.aliases = "\n".join(aliases)
        recipient.active = True
        recipient.save()
        recipient.members.set([entries[m] for m in members if m in entries])
        entries[key] = recipient
    recipient_list, _created = RecipientList.objects.get_or_create(name=SEED_LIST)
    if not recipient_list.entries.exists():
        for order, (name, purpose, archive) in enumerate(SEED_LIST_ENTRIES):
            RecipientListEntry.objects.create(recipient_list=recipient_list, recipient=entries[name], purpose=purpose,
                                              archive=archive, sort_order=order)
    return entries


def link_recipients(page: DocumentPage) -> int:
    """Link the document's Nơi nhận lines to the directory where the import could not (it ran before it existed)."""
    linked = 0
    match = recipient_matcher()
    for entry in page.recipients.filter(recipient__isnull=True):
        found = match(entry.name)
        if found is not None:
            entry.recipient, entry.needs_review = found, False
            entry.save(update_fields=["recipient", "needs_review"])
            linked += 1
    return linked


def load_distribution(stdout: TextIO) -> None:
    with transaction.atomic():
        entries = ensure_directory()
        sent_documents = created = 0
        for page in DocumentPage.objects.filter(state=DocumentState.ISSUED).order_by("pk"):
            link_recipients(page)
            created += len(send_document(page))
            sent_documents += 1
    process_delivery_queue()  # whatever the after-commit pass left (file backend in the demo)
    # Show both sides to the clerk: lanhdao has already confirmed receipt of the seed, thanhvien not yet.
    seed = DocumentPage.objects.filter(notation="01-QC/BCĐ", state=DocumentState.ISSUED).first()
    leader = entries.get("person:lanhdao")
    if seed is not None and leader is not None and leader.user_id:
        mine = Delivery.objects.filter(document=seed, user_id=leader.user_id, channel=DeliveryChannel.INBOX).first()
        if mine is not None and mine.status != DeliveryStatus.ACKNOWLEDGED:
            acknowledge(mine)
    mail = Delivery.objects.filter(channel=DeliveryChannel.EMAIL)
    mailed = mail.exclude(status__in=(DeliveryStatus.QUEUED, DeliveryStatus.FAILED)).count()
    waiting = mail.filter(status__in=(DeliveryStatus.QUEUED, DeliveryStatus.FAILED)).count()
    stdout.write(
        f"  danh bạ {len(entries)} nơi nhận; {sent_documents} văn bản đã gửi ({created} lượt gửi mới); "
        f"thư điện tử: {mailed} đã gửi, {waiting} đang chờ.\n"
    )
