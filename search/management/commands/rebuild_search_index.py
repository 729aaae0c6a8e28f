"""Rebuild the search index from scratch: every published thing, in one transaction.

Run it after writes that send no signals (QuerySet.update, bulk_create, loaddata), after editing
content/search/abbreviations.toml, or whenever the index is in doubt. Safe to run at any time.
"""

import time

from django.core.management.base import BaseCommand

from search import index


class Command(BaseCommand):
    help = "Xây lại chỉ mục tìm kiếm từ đầu (mọi nội dung đã xuất bản)."

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(spec, count):
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {spec.label}: {count}")

        counts = index.rebuild(progress=progress)
        seconds = time.perf_counter() - started
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Đã lập chỉ mục {total} mục trong {seconds:.1f} giây."))
