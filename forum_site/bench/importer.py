"""`make bench-import`: the notice import's parser on pastes of 100,000 lines of several shapes (issue 11: such a
paste took 31 s and ended in a 500; parse time grew faster than linear).

    python -m forum_site.bench.importer [--lines 100000] [--runs 3]

Each shape is parsed `runs` times; the best time is reported, with the time per 1,000 lines at a quarter of the
lines, to show that it grows linearly. The goal: under 2 s for every shape (the admin screen also refuses more
than 300,000 characters before parsing). Exits 1 when a shape misses the goal. Figures go in docs/performance.md.
"""

import argparse
import os
import sys
import time

GOAL_SECONDS = 2.0
SHAPES = {
    "dòng ngắn chữ thường (nối vào câu trước)": lambda i: f"dòng {i} ngắn",
    "một chữ": lambda i: "đ",
    "chữ hoa (tiêu đề)": lambda i: f"DÒNG {i} HOA",
    "kết thúc bằng dấu phẩy": lambda i: f"Bộ Tài chính chủ trì {i},",
    "mục đánh số": lambda i: (
        f"{i % 99 + 1}. Bộ Công an chủ trì, phối hợp Bộ Tài chính, hoàn thành trong tháng {i % 12 + 1}/2025."
    ),
    "gạch đầu dòng": lambda i: f"- Giao Bộ Khoa học và Công nghệ chủ trì nhiệm vụ {i};",
    "câu dài": lambda i: f"Đề nghị các bộ, ngành khẩn trương triển khai. Ông Nguyễn Văn A phát biểu {i}.",
}


def best(text: str, runs: int) -> float:
    from resolutions.importer import parse_notice

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        parse_notice(text)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forum_site.settings")
    import django

    django.setup()
    print(f"{'shape':45} {'chars':>9} {'¼ lines':>9} {'all lines':>10}  per 1,000 lines")
    missed = []
    for name, make in SHAPES.items():
        quarter = "\n".join(make(i) for i in range(args.lines // 4))
        text = "\n".join(make(i) for i in range(args.lines))
        small, large = best(quarter, args.runs), best(text, args.runs)
        per_small, per_large = small / (args.lines / 4000), large / (args.lines / 1000)
        rate = f"{per_small * 1000:.1f} → {per_large * 1000:.1f} ms"
        print(f"{name:45} {len(text):>9,} {small:>8.2f}s {large:>9.2f}s  {rate}")
        if large > GOAL_SECONDS:
            missed.append(name)
    if missed:
        print(f"over {GOAL_SECONDS} s: {', '.join(missed)}", file=sys.stderr)
        return 1
    print(f"every shape under {GOAL_SECONDS} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
