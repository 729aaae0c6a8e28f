"""`manage.py warm_site`: render every public page of the sitemap, in both languages, into the page cache.

A new release starts a new content generation (deploy/gunicorn.conf.py), which leaves every page and every block
to be rendered again: gunicorn runs this command in the background once it is ready, so that readers after a
release get pages from the cache instead of each waiting for a render with nothing cached. A page already cached
is left as it is, so two app servers starting together share the work.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand

from core.warming import site_paths, warm_paths, warm_site_after_write


class Command(BaseCommand):
    help = "Hiển thị sẵn mọi trang công khai trong sơ đồ trang (hai ngôn ngữ) vào bộ nhớ đệm trang."

    def add_arguments(self, parser):
        parser.add_argument(
            "--after-write",
            action="store_true",
            help="Như một lần ghi yêu cầu (core/warming.py): giữ khoá, hiển thị lại đến khi không còn yêu cầu mới.",
        )

    def handle(self, *args, **options):
        if options["after_write"]:
            warm_site_after_write()
            return
        if not getattr(settings, "PAGE_CACHE", True):
            self.stdout.write("Bộ nhớ đệm trang đang tắt (PAGE_CACHE=false): không có gì để làm.")
            return
        started = time.perf_counter()
        paths = site_paths()
        stored = warm_paths(paths)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Đã lưu {stored}/{len(paths)} trang vào bộ nhớ đệm trong {seconds:.1f} giây.")
