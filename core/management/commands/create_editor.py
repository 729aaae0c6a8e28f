"""`manage.py create_editor USERNAME --role bien-tap|duyet|quan-tri`: a staff account in one editorial role.

The password is read from the EDITOR_PASSWORD environment variable, else asked for twice at the terminal; Django's
password validators apply. An existing account keeps its password unless one is given, and gets the role (its other
roles are removed). Reviewers and administrators set up two-factor sign-in at their first sign-in (README).
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.roles import ADMINISTRATOR, EDITOR, PUBLISHER, ROLE_NAMES, sync_roles

ROLES = {"bien-tap": EDITOR, "duyet": PUBLISHER, "quan-tri": ADMINISTRATOR}
PASSWORD_VARIABLE = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = "Tạo (hoặc cập nhật) tài khoản biên tập với một vai trò: bien-tap, duyet hoặc quan-tri."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES), help="bien-tap | duyet | quan-tri")
        parser.add_argument("--email", default="")
        parser.add_argument("--no-input", action="store_true", help=f"Không hỏi mật khẩu (lấy từ {PASSWORD_VARIABLE}).")

    def _password(self, *, required: bool, interactive: bool) -> str | None:
        password = os.environ.get(PASSWORD_VARIABLE)
        if password:
            return password
        if not interactive:
            if required:
                raise CommandError(f"Hãy đặt biến môi trường {PASSWORD_VARIABLE} (không hỏi mật khẩu khi --no-input).")
            return None
        first = getpass.getpass("Mật khẩu: ")
        if first != getpass.getpass("Nhập lại mật khẩu: "):
            raise CommandError("Hai lần nhập mật khẩu không khớp.")
        return first

    def handle(self, *args, username: str, role: str, email: str, no_input: bool, **options):
        User = get_user_model()
        if Group.objects.filter(name__in=ROLE_NAMES).count() != len(ROLE_NAMES):
            sync_roles()
        existing = User.objects.filter(username=username).first()
        password = self._password(required=existing is None, interactive=not no_input)
        user = existing or User(username=username, email=email)
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        with transaction.atomic():
            user.is_staff = True
            user.is_active = True
            if email:
                user.email = email
            if password is not None:
                user.set_password(password)
            user.save()
            user.groups.remove(*Group.objects.filter(name__in=ROLE_NAMES))
            user.groups.add(Group.objects.get(name=ROLES[role]))
        verb = "Đã cập nhật" if existing else "Đã tạo"
        self.stdout.write(self.style.SUCCESS(f"{verb} tài khoản “{username}” với vai trò “{ROLES[role]}”."))
        if role != "bien-tap":
            self.stdout.write("Lần đăng nhập đầu tiên sẽ yêu cầu thiết lập xác thực hai bước (ứng dụng xác thực).")
