"""manage.py apply_roles: turn the role table (documents/models/roles.py) into groups, permissions and the workflow."""
from django.core.management.base import BaseCommand

from documents.roles import apply_roles


class Command(BaseCommand):
    help = "Tạo hoặc cập nhật nhóm vai trò, quyền và quy trình văn bản theo bảng vai trò (chạy lại không trùng lặp)."

    def handle(self, *args, **options):
        apply_roles(stdout=self.stdout)
