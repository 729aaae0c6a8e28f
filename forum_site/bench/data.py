"""Generated Vietnamese content for the search benchmark: documents, sections, tasks, people, organisations
and topics, written with bulk_create (no signals; the benchmark times the index build separately).

Deterministic (seeded). Every task title combines a verb, an object and a province, so a full title is
selective (a handful of matches) while "phát triển" opens nine bodies in ten (the common-term figure).
"""

import random

from django.db import transaction


def _items(text: str) -> list[str]:
    return text.split("|")


PROVINCES = _items(
    "An Giang|Bà Rịa – Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|Bình Dương|Bình Phước|"
    "Bình Thuận|Cà Mau|Cần Thơ|Cao Bằng|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|"
    "Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|"
    "Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|"
    "Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|"
    "Thừa Thiên Huế|Tiền Giang|Thành phố Hồ Chí Minh|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái"
)
VERBS = _items(
    "Xây dựng|Hoàn thiện|Triển khai|Thúc đẩy|Nghiên cứu|Đánh giá|Ban hành|Rà soát|Tổ chức|Nâng cấp|Số hóa|"
    "Kết nối|Chuẩn hóa|Mở rộng|Thí điểm|Hướng dẫn|Tổng kết|Đào tạo|Hỗ trợ|Kiểm tra"
)
OBJECTS = _items(
    "cơ sở dữ liệu đất đai|nền tảng điện toán đám mây|hệ thống dịch vụ công trực tuyến|trung tâm dữ liệu vùng|"
    "mạng 5G|hồ sơ sức khỏe điện tử|học bạ số|thanh toán không dùng tiền mặt|sàn thương mại điện tử nông sản|"
    "chữ ký số cá nhân|định danh điện tử|hệ thống giám sát môi trường tự động|bản đồ số nông nghiệp|"
    "cổng dữ liệu mở|khung kiến trúc chính quyền số|trợ lý ảo cho cán bộ|mô hình nhà máy thông minh|"
    "hạ tầng cáp quang|kỹ năng số cho người dân|an toàn thông tin mạng|tổ công nghệ số cộng đồng|"
    "chương trình đổi mới sáng tạo|quỹ đầu tư mạo hiểm|vườn ươm khởi nghiệp|hệ sinh thái dữ liệu y tế|"
    "bệnh án điện tử|giao thông thông minh|quản lý đô thị thông minh|du lịch thông minh|nông nghiệp công nghệ cao|"
    "truy xuất nguồn gốc hàng hóa|hóa đơn điện tử|thuế điện tử|hải quan số|ngân hàng số|bảo hiểm xã hội điện tử|"
    "chi trả an sinh qua tài khoản|thư viện số|bảo tàng số|di sản văn hóa số"
)
PHRASES = _items(
    "kinh tế số|xã hội số|chuyển đổi số|chính phủ số|hạ tầng số|dữ liệu số|nhân lực số|doanh nghiệp công nghệ số|"
    "trí tuệ nhân tạo|an ninh mạng|đổi mới sáng tạo|khoa học và công nghệ|cải cách hành chính|"
    "năng suất lao động|tăng trưởng xanh|hợp tác công tư|thể chế|cơ chế thử nghiệm|kỹ năng số|dịch vụ số"
)
SURNAMES = _items("Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý")
MIDDLE = _items("Văn|Thị|Minh|Hữu|Đức|Thanh|Ngọc|Quang|Thu|Hoài|Xuân|Công")
GIVEN = _items("An|Bình|Chính|Dũng|Hùng|Lan|Mai|Nam|Phước|Sơn|Thảo|Tuấn|Hạnh|Châu|Khoa|Linh|Long|Trang|Vy|Yến")
FIELDS = _items(
    "Khoa học và Công nghệ|Thông tin và Truyền thông|Giáo dục và Đào tạo|Công an|Công Thương|Nội vụ|Tài chính|"
    "Y tế|Nông nghiệp và Môi trường|Xây dựng|Văn hóa, Thể thao và Du lịch|Tư pháp"
)
ROLES = _items("Bộ trưởng|Thứ trưởng|Chủ tịch UBND tỉnh|Phó Chủ tịch UBND tỉnh|Giám đốc Sở|Cục trưởng|Chuyên gia")
COMMON = "Phát triển"  # opens nine task bodies in ten


def _sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} gắn với {rng.choice(PHRASES)} tại {rng.choice(PROVINCES)}, "
        f"bảo đảm {rng.choice(PHRASES)} giai đoạn 2026–2030."
    )


def _body(rng: random.Random, sentences: int) -> str:
    opening = f"{COMMON} {rng.choice(PHRASES)}. " if rng.random() < 0.9 else ""
    return opening + " ".join(_sentence(rng) for _ in range(sentences))


def _person_name(n: int) -> str:
    return f"{SURNAMES[n % 16]} {MIDDLE[(n // 16) % 12]} {GIVEN[(n // 192) % 20]}"


@transaction.atomic
def generate(total: int = 100_000, seed: int = 2025) -> dict[str, int]:
    """Write about `total` records; returns how many of each model."""
    from core.publishing import Status
    from editions.models import Organisation, OrganisationKind, Person, Topic
    from resolutions.models import Document, Section, Task

    rng = random.Random(seed)
    published = Status.PUBLISHED
    topics = Topic.objects.bulk_create(
        [Topic(name=p.capitalize(), slug=f"chu-de-{i}", status=published) for i, p in enumerate(PHRASES)]
    )
    organisations = [
        Organisation(name=f"Bộ {f}", slug=f"bo-{i}", kind=OrganisationKind.MINISTRY, status=published)
        for i, f in enumerate(FIELDS)
    ]
    organisations[0].short_name = "Bộ KH&CN"
    organisations += [
        Organisation(name=f"Ủy ban nhân dân tỉnh {p}", short_name=f"UBND tỉnh {p}", slug=f"ubnd-{i}", status=published)
        for i, p in enumerate(PROVINCES)
    ]
    organisations = Organisation.objects.bulk_create(organisations)
    people = [Person(name="Phạm Minh Chính", slug="pham-minh-chinh", status=published)]
    people += [
        Person(name=_person_name(n), slug=f"nguoi-{n}", description=f"{rng.choice(ROLES)}. {_body(rng, 1)}")
        for n in range(1, max(10, min(2_000, total // 50)))
    ]
    for person in people:
        person.status = published
    Person.objects.bulk_create(people, batch_size=1000)

    documents = Document.objects.bulk_create(
        [
            Document(
                key=f"{n}-tb-vpcp",
                number=f"{n}/TB-VPCP",
                doc_type="Thông báo",
                issuer=organisations[n % len(FIELDS)],
                title=f"Kết luận về {rng.choice(OBJECTS)} tại {rng.choice(PROVINCES)}",
                subject=_body(rng, 2),
                status=published,
            )
            for n in range(1, max(10, total // 100) + 1)
        ],
        batch_size=500,
    )
    remaining = total - len(topics) - len(organisations) - len(people) - len(documents)
    sections_each = 20
    tasks_each = max(1, remaining // len(documents) - sections_each)
    extra = max(0, remaining - len(documents) * (sections_each + tasks_each))  # spread so the total is exact
    sections, tasks = [], []
    for index, document in enumerate(documents):
        sections += [
            Section(document=document, number=i, title=f"{rng.choice(VERBS)} {rng.choice(PHRASES)}", body=_body(rng, 3))
            for i in range(1, sections_each + 1)
        ]
        tasks += [
            Task(
                document=document,
                number=i,
                title=f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PROVINCES)}",
                summary=_body(rng, 2),
                lead=rng.choice(organisations),
                status=published,
            )
            for i in range(1, tasks_each + 1 + (extra // len(documents)) + (index < extra % len(documents)))
        ]
    Section.objects.bulk_create(sections, batch_size=2000)
    tasks = Task.objects.bulk_create(tasks, batch_size=2000)
    through = Task.topics.through
    through.objects.bulk_create(
        [through(task_id=task.pk, topic_id=rng.choice(topics).pk) for task in tasks], batch_size=5000
    )
    return {
        "topics": len(topics),
        "organisations": len(organisations),
        "people": len(people),
        "documents": len(documents),
        "sections": len(sections),
        "tasks": len(tasks),
    }
