"""`manage.py load_forum_content [--path DIR] [--dry-run]`: load the forum's content files idempotently.

Everything is loaded in one transaction (and one revision in the history): editions-app content first
(`editions/loading.py`), then documents and tasks (`resolutions/loading.py`), then the public versions of the
documents and tasks created or corrected. English texts come from the overlay `content/en/` (`core/overlay.py`),
merged into the same records. The rules — natural keys, fingerprints, what is kept and reported — are in
`core/loading.py`.
"""

from pathlib import Path

import reversion
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.loading import CREATED, KEPT, PUBLIC_NOTE_UPDATED, UNCHANGED, UPDATED, ContentError, ContentLoader
from core.models import RevisionNote
from core.overlay import check_overlay_files
from editions import loading as editions_loading
from resolutions import loading as resolutions_loading
from search import index as search_index


class Command(BaseCommand):
    help = "Nạp nội dung Diễn đàn từ các tệp TOML (chạy lại nhiều lần không thay đổi gì; giữ bản ghi đã được biên tập)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", type=Path, default=None, help="Thư mục tệp nội dung (mặc định: BASE_DIR/content)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Chạy thử rồi huỷ mọi thay đổi.")
        parser.add_argument(
            "--note",
            default=PUBLIC_NOTE_UPDATED,
            help="Ghi chú thay đổi hiển thị công khai trong “Lịch sử cập nhật” (mặc định: “%(default)s”).",
        )

    def handle(self, *args, path=None, dry_run=False, note=PUBLIC_NOTE_UPDATED, **options):
        content_dir = Path(path) if path else Path(settings.BASE_DIR) / "content"
        if not content_dir.is_dir():
            raise CommandError(f"Không có thư mục nội dung {content_dir}")
        loader = ContentLoader()
        try:
            # One index pass at the end instead of one per saved row.
            with transaction.atomic(), reversion.create_revision(), search_index.batch():
                reversion.set_comment(note.strip() or PUBLIC_NOTE_UPDATED)  # public: words for readers
                reversion.add_meta(RevisionNote, major=True)
                check_overlay_files(content_dir, {*editions_loading.FILENAMES, *resolutions_loading.FILENAMES})
                editions_loading.load_editions_content(loader, content_dir)
                resolutions_loading.load_resolutions_content(loader, content_dir)
                loader.finish()
                if dry_run:
                    transaction.set_rollback(True)
        except ContentError as exc:
            raise CommandError(f"Chưa nạp gì (đã huỷ toàn bộ): {exc}") from exc
        report = loader.report
        heading = "Chạy thử (đã huỷ mọi thay đổi)" if dry_run else "Đã nạp nội dung"
        self.stdout.write(f"{heading} từ {content_dir}:")
        for line in report.lines():
            self.stdout.write(line)
        if report.kept:
            self.stdout.write(self.style.WARNING(f"{len(report.kept)} bản ghi được giữ nguyên: xem danh sách trên."))
        totals = {name: report.total(name) for name in (CREATED, UPDATED, UNCHANGED, KEPT)}
        self.stdout.write(self.style.SUCCESS("Xong. " + ", ".join(f"{k}={v}" for k, v in totals.items())))
