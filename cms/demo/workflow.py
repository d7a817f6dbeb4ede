"""Demo step: roles and workflow (a step of `manage.py load_demo`).

Gives the demo accounts their roles at the Ban chỉ đạo and the Đảng ủy of phường La Gi, then creates, through
the real workflow, one document of each situation so every role's view can be seen. Idempotent: documents are
found again by their slug.
"""
from __future__ import annotations

from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from documents.kinds.ke_hoach import KeHoachPage
from documents.models import (
    DocumentPage,
    DocumentRecipient,
    DocumentState,
    Issuer,
    IssuerIndexPage,
    Recipient,
    RecipientKind,
    Visibility,
)
from documents.permissions import grant_view
from documents.roles import Role, apply_roles, grant_role
from documents.workflow import transitions

ISSUER_SLUGS = ("ban-chi-dao-khcn-dmst-cds", "dang-uy-phuong-la-gi")
ROLE_OF = {
    "vanthu": Role.VAN_THU, "soanthao": Role.SOAN_THAO, "lanhdao": Role.LANH_DAO, "thanhvien": Role.THANH_VIEN,
}
RESTRICTED_RECIPIENT = "Đồng chí Thành viên Ban Chỉ đạo (người nhận văn bản hạn chế)"


def _section(text: str, title: str, number: str) -> tuple[str, dict]:
    return ("section", {"number": number, "title": title, "text": text, "subsections": []})


# slug → (title (trích yếu), visibility, state to reach, sections)
DOCUMENTS: dict[str, tuple[str, str, str, list]] = {
    "ke-hoach-chuyen-doi-so-noi-bo": (
        "triển khai chuyển đổi số trong các cơ quan Đảng phường La Gi năm 2026", Visibility.INTERNAL, DocumentState.ISSUED, [
            _section("Nâng cao hiệu quả xử lý văn bản điện tử trong các cơ quan Đảng của phường.", "MỤC ĐÍCH, YÊU CẦU", "I"),
            _section("Số hóa văn bản đi, văn bản đến; sử dụng chữ ký số trong văn bản của Đảng ủy.", "NỘI DUNG", "II"),
        ]),
    "ke-hoach-kiem-tra-han-che": (
        "kiểm tra việc bảo đảm an toàn thông tin trên hệ thống văn bản điện tử", Visibility.RESTRICTED, DocumentState.ISSUED, [
            _section("Kiểm tra việc phân quyền tài khoản và lưu trữ tệp đính kèm.", "NỘI DUNG KIỂM TRA", "I"),
        ]),
    "ke-hoach-du-thao-tap-huan": (
        "tập huấn sử dụng hệ thống quản lý văn bản cho cán bộ, đảng viên", Visibility.INTERNAL, DocumentState.DRAFT, [
            _section("Tổ chức 02 lớp tập huấn cho văn thư và cán bộ các chi bộ.", "NỘI DUNG", "I"),
        ]),
    "ke-hoach-cho-ky-so-hoa": (
        "số hóa tài liệu lưu trữ của Đảng ủy phường giai đoạn 2026–2027", Visibility.INTERNAL, DocumentState.SUBMITTED, [
            _section("Số hóa hồ sơ, tài liệu lưu trữ từ năm 2020 đến nay.", "NỘI DUNG", "I"),
        ]),
}


def _users() -> dict:
    User = get_user_model()
    return {u.username: u for u in User.objects.filter(username__in=ROLE_OF)}


def _recipient_for(user) -> Recipient:
    recipient = Recipient.objects.filter(user=user, kind=RecipientKind.PERSON).first()
    if recipient is None:
        recipient = Recipient.objects.create(name=RESTRICTED_RECIPIENT, kind=RecipientKind.PERSON, user=user,
                                             email=user.email)
    return recipient


def _create(slug: str, spec, issuer: Issuer, users: dict) -> DocumentPage:
    title, visibility, _state, sections = spec
    index = IssuerIndexPage.objects.get(issuer=issuer)
    page = KeHoachPage(
        title=title, slug=slug, issuer=issuer, visibility=visibility, live=False, owner=users.get("soanthao"),
        signer_position="TRƯỞNG BAN", signer_name="Nguyễn Quốc Nam", body=sections,
    )
    index.add_child(instance=page)
    DocumentRecipient.objects.create(page=page, name="Các đồng chí thành viên Ban Chỉ đạo", sort_order=0)
    if visibility == Visibility.RESTRICTED:
        # Sent to thành viên through the directory (and granted to lãnh đạo by name, below).
        recipient = _recipient_for(users["thanhvien"])
        DocumentRecipient.objects.create(page=page, name=recipient.name, recipient=recipient, sort_order=1)
    DocumentRecipient.objects.create(page=page, name="Lưu Văn phòng Đảng ủy", archive=True, sort_order=9)
    page.save_revision(user=users.get("soanthao"))  # the recipients are part of the revision that is published
    return page


def _advance(page: DocumentPage, target: str, users: dict) -> None:
    order = (DocumentState.DRAFT, DocumentState.SUBMITTED, DocumentState.SIGNED, DocumentState.ISSUED)
    if page.state == DocumentState.DRAFT and order.index(target) >= 1:
        page = transitions.submit(page, users["soanthao"], "Kính trình đồng chí Trưởng ban xem xét, ký ban hành.")
    if page.state == DocumentState.SUBMITTED and order.index(target) >= 2:
        page = transitions.approve(page, users["lanhdao"], "Đồng ý ban hành.")
    if page.state == DocumentState.SIGNED and order.index(target) >= 3:
        transitions.approve(page, users["vanthu"], "Đã vào sổ, phát hành.")


@transaction.atomic
def load_workflow(stdout: TextIO) -> None:
    apply_roles()
    users = _users()
    missing = sorted(set(ROLE_OF) - set(users))
    if missing:
        stdout.write(f"  Thiếu tài khoản minh họa {', '.join(missing)}: bỏ qua phần vai trò.\n")
        return
    issuers = [Issuer.objects.get(slug=slug) for slug in ISSUER_SLUGS if Issuer.objects.filter(slug=slug).exists()]
    for issuer in issuers:
        for username, role in ROLE_OF.items():
            grant_role(users[username], issuer, role)
    bcd = issuers[0]
    created = 0
    for slug, spec in DOCUMENTS.items():
        page = DocumentPage.objects.filter(slug=slug, issuer=bcd).first()
        if page is None:
            page = _create(slug, spec, bcd, users)
            created += 1
            if spec[1] == Visibility.RESTRICTED:
                grant_view(page, users["lanhdao"])
            _advance(page.specific, spec[2], users)
    stdout.write(
        f"  Vai trò tại {', '.join(i.code for i in issuers)} cho {', '.join(ROLE_OF)}; "
        f"{created} văn bản mới (nội bộ, hạn chế, dự thảo, chờ ký).\n"
    )
