"""`manage.py check_provenance`: list published facts without a published source, and sources that cannot be
checked (no address and no reason). Exits with status 1 when there is any."""

from django.core.management.base import BaseCommand, CommandError

from forum_site.provenance import provenance_gaps


class Command(BaseCommand):
    help = "Kiểm tra nguồn: dữ kiện công khai nào chưa có nguồn, nguồn nào không có địa chỉ mà không nói vì sao."

    def handle(self, *args, **options):
        gaps = provenance_gaps()
        for gap in gaps:
            self.stdout.write(f"- {gap}")
        if gaps:
            raise CommandError(f"{len(gaps)} chỗ chưa đủ nguồn.")
        self.stdout.write(self.style.SUCCESS("Mọi dữ kiện công khai đều có nguồn; mọi nguồn đều kiểm tra được."))
