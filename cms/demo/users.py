"""Demo accounts; every one uses the password from settings.DEMO_PASSWORD."""
from __future__ import annotations

from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model

EMAIL_DOMAIN = "lagi.example"

# username → (first name shown in the site header, role)
DEMO_USERS: dict[str, tuple[str, str]] = {
    "vanthu": ("Văn thư", "văn thư: đăng ký, cấp số, ban hành, gửi"),
    "soanthao": ("Soạn thảo", "soạn thảo: tạo và sửa dự thảo"),
    "lanhdao": ("Lãnh đạo", "lãnh đạo: duyệt, ký"),
    "thanhvien": ("Thành viên", "thành viên: đọc văn bản nội bộ"),
}
SUPERUSER = "quantri"


def user_lines() -> list[str]:
    lines = [f"{name:<10} {role}" for name, (_label, role) in DEMO_USERS.items()]
    lines.append(f"{SUPERUSER:<10} quản trị hệ thống (toàn quyền)")
    return lines


def load_users(stdout: TextIO) -> None:
    User = get_user_model()
    password = settings.DEMO_PASSWORD
    created_count = 0
    for username, (label, _role) in DEMO_USERS.items():
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@{EMAIL_DOMAIN}", "first_name": label},
        )
        user.set_password(password)  # follow DEMO_PASSWORD if it changed since the last run
        user.save(update_fields=["password"])
        created_count += created
    admin, created = User.objects.get_or_create(
        username=SUPERUSER,
        defaults={"email": f"{SUPERUSER}@{EMAIL_DOMAIN}", "first_name": "Quản trị", "is_staff": True, "is_superuser": True},
    )
    admin.is_staff = admin.is_superuser = True
    admin.set_password(password)
    admin.save()
    created_count += created
    stdout.write(f"  {len(DEMO_USERS) + 1} tài khoản ({created_count} mới).\n")
