"""The notice import parser: sentences in the style of 4/TB-VPCP, deadlines, organisation matching, one whole
(fictional) notice, and odd input."""

import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from editions.models import Organisation
from resolutions.importer import (
    OrganisationIndex,
    OrgMatch,
    ParsedNotice,
    match_organisation,
    parse_deadline,
    parse_notice,
)
from resolutions.models import DeadlineKind, SectionKind
from tests.factories import make_organisation

DATA = Path(__file__).parent / "data"

KHCN = "Bộ Khoa học và Công nghệ"
TTTT = "Bộ Thông tin và Truyền thông"
GDDT = "Bộ Giáo dục và Đào tạo"
CA = "Bộ Công an"
NV = "Bộ Nội vụ"
CT = "Bộ Công Thương"
VPCP = "Văn phòng Chính phủ"
AN_GIANG = "Ủy ban nhân dân tỉnh An Giang"

# The site's organisations, as dicts and as plain objects (the parser takes either, or a queryset).
ORGS = [
    {"name": VPCP, "short_name": "VPCP"},
    {"name": "Thủ tướng Chính phủ", "short_name": ""},
    {"name": KHCN, "short_name": "Bộ KH&CN"},
    SimpleNamespace(name=TTTT, short_name=""),  # no short form stored: "Bộ TT&TT" must still match
    SimpleNamespace(name=CA, short_name=""),
    {"name": GDDT, "short_name": "Bộ GD&ĐT"},
    {"name": NV, "short_name": ""},
    {"name": CT, "short_name": ""},
    {"name": AN_GIANG, "short_name": "UBND tỉnh An Giang"},
]


@dataclass(frozen=True)
class New:
    """An agency the site does not have yet: proposed as a new organisation under this name."""

    name: str


@dataclass(frozen=True)
class Group:
    """A lead that is a group ("Các bộ, ngành, địa phương"), kept as text."""

    text: str


def org_name(obj) -> str:
    return obj["name"] if isinstance(obj, dict) else obj.name


def resolved(match: OrgMatch | None):
    if match is None:
        return None
    if match.organisation is not None:
        return org_name(match.organisation)
    assert match.proposed_new, match
    return New(match.proposed_name)


def lead_of(task):
    if task.lead_is_group:
        assert task.lead_match is None
        return Group(task.lead_name)
    if not task.lead_name:
        return None
    return resolved(task.lead_match)


def only_task(sentence: str):
    notice = parse_notice(f"IV. NHIỆM VỤ CỤ THỂ\n{sentence}", organisations=ORGS)
    assert len(notice.tasks) == 1, [t.text for t in notice.tasks]
    return notice.tasks[0]


M, Q, D, Y, U, N = (
    DeadlineKind.MONTH,
    DeadlineKind.QUARTER,
    DeadlineKind.DAY,
    DeadlineKind.YEAR,
    DeadlineKind.URGENT,
    DeadlineKind.NONE,
)

# sentence, lead, partners (organisations), partners as text, deadline as written, kind, due date
# fmt: off
SENTENCES = [
    # The 13 tasks of 4/TB-VPCP, worded as a notice would word them (our numbering).
    pytest.param(
        "Bộ Khoa học và Công nghệ chủ trì, phối hợp với các bộ, ngành khẩn trương ban hành các văn bản hướng dẫn "
        "thi hành các luật về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số đã được Quốc hội thông qua; "
        "sớm hoàn thiện khung pháp lý về hợp tác công - tư trong lĩnh vực công nghệ; áp dụng cơ chế thử nghiệm "
        "có kiểm soát đối với các mô hình kinh doanh mới.",
        KHCN, [], "các bộ, ngành", "khẩn trương, sớm", U, None, id="tb4-01-urgent-two-words",
    ),
    pytest.param(
        "Bộ Khoa học và Công nghệ tiếp thu ý kiến tại Diễn đàn, hoàn thiện Chương trình phát triển kinh tế số và "
        "xã hội số giai đoạn 2026–2030, trình Thủ tướng Chính phủ.",
        KHCN, [], "", "", N, None, id="tb4-02-no-deadline",
    ),
    pytest.param(
        "Bộ Công an chủ trì, phối hợp với các đơn vị liên quan xây dựng, trình Khung Kinh tế dữ liệu quốc gia và "
        "lộ trình triển khai, trong đó có cơ chế chia sẻ dữ liệu công - tư và khung pháp lý về định giá, thương mại "
        "hóa, khai thác và quản trị dữ liệu, hoàn thành trong tháng 01/2026.",
        CA, [], "các đơn vị liên quan", "hoàn thành trong tháng 01/2026", M, date(2026, 1, 31), id="tb4-03-month",
    ),
    pytest.param(
        "Huy động mọi nguồn lực đầu tư cho kinh tế số, xã hội số theo nguyên tắc “đầu tư công dẫn dắt đầu tư tư, "
        "kích hoạt mọi nguồn lực cho xã hội, tư nhân là động lực và FDI là đòn bẩy công nghệ”.",
        None, [], "", "", N, None, id="tb4-04-no-lead",
    ),
    pytest.param(
        "Đẩy nhanh tiến độ phủ sóng 5G trên toàn quốc; phát triển các nền tảng điện toán đám mây của Việt Nam có "
        "khả năng xử lý dữ liệu lớn và trí tuệ nhân tạo.",
        None, [], "", "", N, None, id="tb4-05-no-lead",
    ),
    pytest.param(
        "Bộ Giáo dục và Đào tạo chủ trì, phối hợp với Bộ Khoa học và Công nghệ, các trường, doanh nghiệp nhanh chóng "
        "triển khai hiệu quả Chương trình “Học từ làm”.",
        GDDT, [KHCN], "các trường, doanh nghiệp", "nhanh chóng", U, None, id="tb4-06-mixed-partners",
    ),
    pytest.param(
        "Bộ Giáo dục và Đào tạo chủ trì, phối hợp với Bộ Nội vụ, Bộ Khoa học và Công nghệ và các đơn vị liên quan "
        "xây dựng báo cáo tổng thể về các ngành nghề chịu tác động lớn của trí tuệ nhân tạo để có kế hoạch đào tạo "
        "lại, nâng cao và chuyển đổi kỹ năng cho người lao động, báo cáo Thủ tướng Chính phủ trong quý 1/2026.",
        GDDT, [NV, KHCN], "các đơn vị liên quan", "trong quý 1/2026", Q, date(2026, 3, 31), id="tb4-07-quarter",
    ),
    pytest.param(
        "Bộ Khoa học và Công nghệ hoàn thiện Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số, trình Thủ tướng "
        "Chính phủ trong tháng 1/2026.",
        KHCN, [], "", "trong tháng 1/2026", M, date(2026, 1, 31), id="tb4-08-month-one-digit",
    ),
    pytest.param(
        "Sau khi Đề án được phê duyệt, Bộ Khoa học và Công nghệ xây dựng kế hoạch hành động triển khai Đề án, "
        "hoàn thành trong quý 1/2026.",
        KHCN, [], "", "hoàn thành trong quý 1/2026", Q, date(2026, 3, 31), id="tb4-09-lead-after-clause",
    ),
    pytest.param(
        "Bộ Công an chủ trì, phối hợp với các đơn vị liên quan nghiên cứu, xây dựng và triển khai các giải pháp giảm "
        "thiểu tác động tiêu cực trên không gian mạng, nhất là đối với nhóm dễ bị tổn thương như trẻ em, người cao "
        "tuổi, người khuyết tật, đồng bào dân tộc thiểu số, người dân vùng sâu, vùng xa, biên giới, hải đảo.",
        CA, [], "các đơn vị liên quan", "", N, None, id="tb4-10",
    ),
    pytest.param(
        "Bộ Công Thương đẩy nhanh đàm phán, sớm hoàn tất các thủ tục để Việt Nam trở thành thành viên Hiệp định Đối "
        "tác kinh tế số (DEPA).",
        CT, [], "", "sớm", U, None, id="tb4-11-soon",
    ),
    pytest.param(
        "Bộ Khoa học và Công nghệ phối hợp với các doanh nghiệp công nghệ nghiên cứu, xây dựng và triển khai các "
        "giải pháp giảm thiểu tác động tiêu cực trên không gian mạng đối với các nhóm dễ bị tổn thương.",
        KHCN, [], "các doanh nghiệp công nghệ", "", N, None, id="tb4-12-partner-without-chu-tri",
    ),
    pytest.param(
        "Đẩy mạnh phong trào “Bình dân học vụ số” theo tinh thần “Đi từng ngõ, gõ từng nhà, rà từng người”; triển "
        "khai các chương trình phổ cập kỹ năng số và kỹ năng bảo đảm an toàn thông tin cho người dân, doanh nghiệp, "
        "hợp tác xã và hộ kinh doanh.",
        None, [], "", "", N, None, id="tb4-13-no-lead",
    ),
    # Other wordings and deadline forms.
    pytest.param(
        "Giao Bộ Nội vụ chủ trì, phối hợp với Bộ Tài chính hoàn thiện hồ sơ đề xuất sửa đổi quy chế, trình cấp có "
        "thẩm quyền trước ngày 31/3/2026.",
        NV, [New("Bộ Tài chính")], "", "trước ngày 31/3/2026", D, date(2026, 3, 31), id="giao-before-day",
    ),
    pytest.param(
        "Bộ KH&CN chủ trì tổng kết việc thực hiện các chương trình chuyển đổi số, hoàn thành năm 2026.",
        KHCN, [], "", "hoàn thành năm 2026", Y, date(2026, 12, 31), id="short-form-year",
    ),
    pytest.param(
        "Bộ TT&TT phối hợp với Bộ GD&ĐT rà soát nội dung đào tạo kỹ năng số trong quý I/2026.",
        TTTT, [GDDT], "", "trong quý I/2026", Q, date(2026, 3, 31), id="abbreviations-roman-quarter",
    ),
    pytest.param(
        "Uỷ ban nhân dân tỉnh An Giang khẩn trương kiện toàn Ban Chỉ đạo chuyển đổi số cấp tỉnh.",
        AN_GIANG, [], "", "khẩn trương", U, None, id="old-tone-placement-urgent",
    ),
    pytest.param(
        "UBND tỉnh An Giang chủ trì, phối hợp với các sở, ngành, địa phương trong tỉnh triển khai nền tảng học kỹ "
        "năng số trước ngày 31 tháng 3 năm 2026.",
        AN_GIANG, [], "các sở, ngành, địa phương", "trước ngày 31 tháng 3 năm 2026", D, date(2026, 3, 31),
        id="ubnd-long-date",
    ),
    pytest.param(
        "Các bộ, ngành, địa phương tiếp tục đẩy mạnh cung cấp dịch vụ công trực tuyến toàn trình trong năm 2026.",
        Group("Các bộ, ngành, địa phương"), [], "", "trong năm 2026", Y, date(2026, 12, 31), id="group-lead-year",
    ),
    pytest.param(
        "Bộ Y tế hoàn thành việc kết nối dữ liệu sổ sức khỏe điện tử trước ngày 31/02/2026.",
        New("Bộ Y tế"), [], "", "trước ngày 31/02/2026", N, None, id="invalid-date",
    ),
    pytest.param(
        "Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện, báo cáo Thủ tướng Chính phủ kết quả trong 6 tháng "
        "đầu năm 2026.",
        VPCP, [], "", "trong 6 tháng đầu năm 2026", D, date(2026, 6, 30), id="half-year",
    ),
    pytest.param(
        "Giao Bộ Công an xây dựng cơ sở dữ liệu về lừa đảo trực tuyến, hoàn thành ngày 15/02/2026.",
        CA, [], "", "hoàn thành ngày 15/02/2026", D, date(2026, 2, 15), id="giao-done-on-day",
    ),
    pytest.param(
        "Bộ Giáo dục và Đào tạo khẩn trương ban hành hướng dẫn về giáo dục kỹ năng số trong trường phổ thông.",
        GDDT, [], "", "khẩn trương", U, None, id="agency-then-urgent",
    ),
    pytest.param(
        "Đề nghị Bộ Tài chính bố trí kinh phí thực hiện trong tháng 02 năm 2026.",
        New("Bộ Tài chính"), [], "", "trong tháng 02 năm 2026", M, date(2026, 2, 28), id="de-nghi-month-words",
    ),
    pytest.param(
        "Bộ Công Thương phối hợp với Bộ Khoa học và Công nghệ (Bộ KH&CN) và doanh nghiệp công nghệ số tổ chức "
        "chương trình “Người Việt Nam ưu tiên dùng hàng Việt Nam trên không gian số” trong quý IV năm 2026.",
        CT, [KHCN], "doanh nghiệp công nghệ số", "trong quý IV năm 2026", Q, date(2026, 12, 31),
        id="name-with-short-form-in-brackets",
    ),
    pytest.param(
        "Bộ Khoa học và Công nghệ, Bộ Công an theo chức năng, nhiệm vụ được giao kịp thời xử lý các vướng mắc "
        "phát sinh.",
        KHCN, [CA], "", "kịp thời", U, None, id="two-leads",
    ),
    pytest.param(
        "Trên cơ sở kết quả thí điểm, giao Bộ Khoa học và Công nghệ nhân rộng mô hình ra toàn quốc trong năm 2027.",
        KHCN, [], "", "trong năm 2027", Y, date(2027, 12, 31), id="giao-after-clause",
    ),
    pytest.param(
        "Bộ Thông tin và Truyền thông chủ trì, phối hợp với Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung "
        "ương ngay lập tức rà soát hạ tầng mạng.",
        TTTT, [], "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", "ngay", U, None,
        id="provinces-are-a-group",
    ),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "lead", "partners", "partners_text", "deadline_text", "kind", "due"), SENTENCES)
def test_task_sentence(sentence, lead, partners, partners_text, deadline_text, kind, due):
    task = only_task(sentence)
    assert lead_of(task) == lead
    assert [resolved(m) for m in task.partner_matches] == partners
    assert len(task.partner_names) == len(task.partner_matches)
    assert task.partners_text == partners_text
    assert task.deadline_text == deadline_text
    assert task.deadline_kind == kind
    assert task.deadline_date == due
    assert task.text == sentence
    assert task.section_number == 1
    assert task.title and len(task.title) <= 160


def test_the_sentence_table_is_big_enough():
    assert len(SENTENCES) >= 20


def test_invalid_date_keeps_its_text_and_warns():
    task = only_task("Bộ Y tế hoàn thành việc kết nối dữ liệu trước ngày 31/02/2026.")
    assert (task.deadline_text, task.deadline_kind, task.deadline_date) == ("trước ngày 31/02/2026", "none", None)
    assert "invalid_deadline" in [w.code for w in task.warnings]


def test_task_without_a_lead_says_so():
    task = only_task("Đẩy mạnh truyền thông về nền tảng số.")
    assert task.lead_name == "" and task.lead_match is None
    assert "no_lead" in [w.code for w in task.warnings]


def test_two_dated_clauses_become_two_tasks_with_the_same_lead():
    notice = parse_notice(
        "IV. NHIỆM VỤ\nBộ Khoa học và Công nghệ hoàn thiện Đề án, trình Thủ tướng Chính phủ trong tháng 1/2026; "
        "sau khi Đề án được phê duyệt, xây dựng kế hoạch hành động trong quý 1/2026.",
        organisations=ORGS,
    )
    assert [(lead_of(t), t.deadline_kind, t.deadline_date) for t in notice.tasks] == [
        (KHCN, M, date(2026, 1, 31)),
        (KHCN, Q, date(2026, 3, 31)),
    ]


def test_a_second_sentence_continues_the_task():
    notice = parse_notice(
        "IV. NHIỆM VỤ\nBộ Công an chủ trì xây dựng Khung Kinh tế dữ liệu quốc gia. Khung phải có cơ chế chia sẻ dữ "
        "liệu công - tư, hoàn thành trong tháng 01/2026.",
        organisations=ORGS,
    )
    (task,) = notice.tasks
    assert task.text.endswith("hoàn thành trong tháng 01/2026.")
    assert (task.deadline_kind, task.deadline_date) == (M, date(2026, 1, 31))


def test_a_list_header_gives_its_lead_to_the_items_under_it():
    notice = parse_notice(
        "IV. NHIỆM VỤ\nGiao Bộ Công an chủ trì, phối hợp với Bộ KH&CN:\n- Xây dựng cơ sở dữ liệu về lừa đảo trực "
        "tuyến trong quý II/2026;\n- Phối hợp với các doanh nghiệp viễn thông khẩn trương chặn các số điện thoại "
        "lừa đảo.\n2. Bộ Nội vụ rà soát quy chế.",
        organisations=ORGS,
    )
    assert [(lead_of(t), [resolved(m) for m in t.partner_matches], t.partners_text) for t in notice.tasks] == [
        (CA, [KHCN], ""),
        (CA, [KHCN], "các doanh nghiệp viễn thông"),
        (NV, [], ""),
    ]
    assert notice.tasks[2].label == "2"


def test_a_header_with_a_lead_and_a_colon_opens_a_list():
    notice = parse_notice(
        "IV. TỔ CHỨC THỰC HIỆN\n1. Bộ Khoa học và Công nghệ chủ trì thực hiện các nhiệm vụ sau:\n"
        "- Hoàn thiện Đề án trong tháng 3/2026;\n- Sớm tổng kết thí điểm.",
        organisations=ORGS,
    )
    assert [(lead_of(t), t.deadline_kind, t.label) for t in notice.tasks] == [(KHCN, M, ""), (KHCN, U, "")]


def test_the_prime_minister_assigning_is_not_a_lead():
    notice = parse_notice(
        "II. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM\n1. Thủ tướng Chính phủ giao:\n"
        "a) Bộ Công an chủ trì xây dựng Khung, hoàn thành trong tháng 01/2026.\n"
        "b) Đẩy nhanh phủ sóng 5G trên toàn quốc.\n"
        "2. Thủ tướng Chính phủ giao Bộ Công Thương sớm kết thúc đàm phán.",
        organisations=ORGS,
    )
    assert notice.sections[0].kind == SectionKind.TASKS  # the earliest keyword of the title decides
    assert [(t.label, lead_of(t)) for t in notice.tasks] == [("1.a", CA), ("1.b", None), ("2", CT)]


NOT_TASKS = [
    pytest.param("Văn phòng Chính phủ thông báo để các cơ quan, đơn vị liên quan biết, thực hiện./.", id="closing"),
    pytest.param("Bộ Công an đã triển khai hiệu quả Đề án 06 trên toàn quốc.", id="report-of-the-past"),
    pytest.param("Thủ tướng Chính phủ giao các nhiệm vụ cụ thể như sau:", id="intro-line"),
    pytest.param("Tập trung thực hiện tốt các nhiệm vụ sau:", id="intro-with-directive-verb"),
    pytest.param("Hạ tầng số có bước phát triển đột phá về dung lượng, công nghệ và chất lượng.", id="assessment"),
    pytest.param("Thủ tướng Chính phủ ghi nhận, biểu dương Bộ Khoa học và Công nghệ.", id="praise"),
]


@pytest.mark.parametrize("sentence", NOT_TASKS)
def test_not_a_task(sentence):
    assert parse_notice(f"IV. NHIỆM VỤ CỤ THỂ\n{sentence}", organisations=ORGS).tasks == []


def test_results_section_needs_a_sign_of_assignment():
    text = (
        "I. KẾT QUẢ\nBộ Công an triển khai hiệu quả Đề án 06.\n"
        "II. ĐỊNH HƯỚNG\nBộ Công Thương sớm hoàn tất đàm phán.\nMở rộng nền tảng ra toàn quốc."
    )
    notice = parse_notice(text, organisations=ORGS)
    assert [(t.section_number, lead_of(t)) for t in notice.tasks] == [(2, CT)]


def test_a_pasted_list_without_headings_still_gives_its_tasks():
    notice = parse_notice(
        "Bộ Công an chủ trì, phối hợp với các đơn vị liên quan xây dựng Khung, hoàn thành trong tháng 01/2026.\n"
        "Bộ Công Thương sớm kết thúc đàm phán.",
        organisations=ORGS,
    )
    assert [(lead_of(t), t.deadline_kind, t.section_number) for t in notice.tasks] == [(CA, M, None), (CT, U, None)]
    assert notice.sections == []
    assert "no_sections" in [w.code for w in notice.warnings]


# --- Deadlines on their own -------------------------------------------------------------------------------------

DEADLINES = [
    ("trong tháng 01/2026", M, date(2026, 1, 31)),
    ("trong tháng 1/2026", M, date(2026, 1, 31)),
    ("tháng 01 năm 2026", M, date(2026, 1, 31)),
    ("hoàn thành trong tháng 02/2028", M, date(2028, 2, 29)),
    ("cuối tháng 6/2026", M, date(2026, 6, 30)),
    ("trong quý 1/2026", Q, date(2026, 3, 31)),
    ("quý I/2026", Q, date(2026, 3, 31)),
    ("quý I năm 2026", Q, date(2026, 3, 31)),
    ("trong quý III/2026", Q, date(2026, 9, 30)),
    ("quý IV/2026", Q, date(2026, 12, 31)),
    ("trước ngày 31/3/2026", D, date(2026, 3, 31)),
    ("trước ngày 31 tháng 3 năm 2026", D, date(2026, 3, 31)),
    ("hoàn thành ngày 15/02/2026", D, date(2026, 2, 15)),
    ("chậm nhất ngày 30.6.2026", D, date(2026, 6, 30)),
    ("đến hết ngày 30/4/2026", D, date(2026, 4, 30)),
    ("trong năm 2026", Y, date(2026, 12, 31)),
    ("năm 2026", Y, date(2026, 12, 31)),
    ("trước năm 2027", Y, date(2026, 12, 31)),
    ("trong 6 tháng đầu năm 2026", D, date(2026, 6, 30)),
    ("6 tháng cuối năm 2026", D, date(2026, 12, 31)),
    ("khẩn trương", U, None),
    ("sớm", U, None),
    ("nhanh chóng", U, None),
    ("ngay", U, None),
    ("kịp thời", U, None),
    ("", N, None),
    ("theo chức năng, nhiệm vụ được giao", N, None),
]


@pytest.mark.parametrize(("text", "kind", "due"), DEADLINES)
def test_deadline(text, kind, due):
    parsed = parse_deadline(text)
    assert (parsed.kind, parsed.date) == (kind, due)
    assert parsed.text == (text if kind != N else "")
    assert parsed.warnings == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("trước ngày 31/02/2026", "invalid_deadline"),
        ("trong tháng 13/2026", "invalid_deadline"),
        ("hoàn thành ngày 0/1/2026", "invalid_deadline"),
        ("đầu năm 2026", "unsupported_deadline"),
        ("giữa tháng 3/2026", "unsupported_deadline"),
    ],
)
def test_deadline_that_cannot_be_dated_keeps_its_text(text, code):
    parsed = parse_deadline(text)
    assert (parsed.text, parsed.kind, parsed.date) == (text, "none", None)
    assert [w.code for w in parsed.warnings] == [code]


def test_a_date_with_no_lead_in_word_is_a_reference_not_a_deadline():
    assert parse_deadline("tiếp thu ý kiến tại Hội nghị ngày 20/12/2025").kind == "none"
    assert parse_deadline("số liệu tính đến ngày 30/6/2025").kind == "none"
    assert parse_deadline("kết quả năm 2025 cho thấy").kind == "none"  # a bare year inside a sentence


def test_a_bare_month_or_quarter_counts_but_one_with_a_lead_in_word_wins():
    assert parse_deadline("trình Thủ tướng Chính phủ tháng 01/2026").kind == M
    parsed = parse_deadline("trên cơ sở kết quả tháng 12/2025, hoàn thành trong quý 1/2026")
    assert (parsed.text, parsed.kind, parsed.warnings) == ("hoàn thành trong quý 1/2026", Q, [])


def test_several_dated_deadlines_warn():
    parsed = parse_deadline("trình trong tháng 1/2026 và ban hành trong quý 2/2026")
    assert (parsed.kind, parsed.date) == (M, date(2026, 1, 31))
    assert [w.code for w in parsed.warnings] == ["several_deadlines"]


def test_dated_deadline_wins_over_urgency_words():
    parsed = parse_deadline("khẩn trương hoàn thành trong tháng 01/2026")
    assert (parsed.text, parsed.kind) == ("hoàn thành trong tháng 01/2026", M)


def test_ngay_ca_is_not_urgency():
    assert parse_deadline("áp dụng ngay cả với doanh nghiệp nhỏ").kind == "none"


def test_deadline_kinds_are_the_models_kinds():
    kinds = {parse_deadline(text).kind for text, _kind, _due in DEADLINES}
    assert kinds <= set(DeadlineKind.values)


# --- Organisations ---------------------------------------------------------------------------------------------

MATCHES = [
    ("Bộ Khoa học và Công nghệ", KHCN),
    ("bộ khoa học và công nghệ", KHCN),
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", KHCN),
    ("Bộ KH&CN", KHCN),
    ("Bộ KH & CN", KHCN),
    ("Bộ KHCN", KHCN),
    ("Bộ Khoa học và Công nghệ (Bộ KH&CN)", KHCN),
    ("Bộ TT&TT", TTTT),
    ("Bộ GD&ĐT", GDDT),
    ("Bộ GD-ĐT", GDDT),
    ("VPCP", VPCP),
    ("Văn phòng Chính phủ", VPCP),
    ("UBND tỉnh An Giang", AN_GIANG),
    ("Uỷ ban nhân dân tỉnh An Giang", AN_GIANG),
    ("Ủy ban nhân dân tỉnh An Giang", AN_GIANG),
    ("UBND An Giang", AN_GIANG),
    ("Bộ Công an", CA),
]


@pytest.mark.parametrize(("name", "expected"), MATCHES)
def test_match_organisation(name, expected):
    match = match_organisation(name, ORGS)
    assert match.matched and org_name(match.organisation) == expected
    assert not match.proposed_new


@pytest.mark.parametrize(
    ("name", "proposed", "short"),
    [
        ("Bộ Tài chính", "Bộ Tài chính", ""),
        ("Bộ LĐ-TB&XH", "Bộ Lao động - Thương binh và Xã hội", "Bộ LĐ-TB&XH"),
        ("Bộ Y tế (BYT)", "Bộ Y tế", "BYT"),
        ("UBND tỉnh Hòa Bình Thử", "Ủy ban nhân dân tỉnh Hòa Bình Thử", "UBND tỉnh Hòa Bình Thử"),
        ("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH AN GIANG", "Sở Khoa học và Công nghệ tỉnh An Giang", ""),
    ],
)
def test_unmatched_agency_is_proposed_as_new(name, proposed, short):
    match = match_organisation(name, ORGS)
    assert match.organisation is None and match.proposed_new
    assert (match.proposed_name, match.proposed_short_name) == (proposed, short)
    assert match.proposed_slug and match.proposed_slug.isascii()


@pytest.mark.parametrize("name", ["các bộ, ngành", "các đơn vị liên quan", "doanh nghiệp công nghệ", "", "   "])
def test_groups_and_blanks_are_not_proposed(name):
    match = match_organisation(name, ORGS)
    assert match.organisation is None and not match.proposed_new


def test_matching_takes_an_index_and_tolerates_odd_objects():
    index = OrganisationIndex(ORGS)
    assert org_name(match_organisation("Bộ KH&CN", index).organisation) == KHCN
    odd = [SimpleNamespace(name=None, short_name=3), {"name": 5}, object()]
    assert match_organisation("Bộ KH&CN", odd).organisation is None


@pytest.mark.django_db
def test_works_with_a_queryset_reads_it_once_and_writes_nothing(django_assert_num_queries):
    most = make_organisation(name=KHCN, short_name="Bộ KH&CN", slug="bo-khoa-hoc-va-cong-nghe")
    police = make_organisation(name=CA, short_name="", slug="bo-cong-an")
    before = Organisation.objects.count()
    with django_assert_num_queries(1):
        notice = parse_notice(
            "IV. NHIỆM VỤ\nBộ KH&CN chủ trì, phối hợp với Bộ Công an và Bộ Tài chính làm quy chế trong quý 1/2026.",
            organisations=Organisation.objects.all(),
        )
    (task,) = notice.tasks
    assert task.lead_match.organisation == most
    assert [m.organisation for m in task.partner_matches] == [police, None]
    assert task.partner_matches[1].proposed_new
    assert Organisation.objects.count() == before


# --- One whole notice (fictional, written for these tests) ------------------------------------------------------


@pytest.fixture(scope="module")
def sample():
    return parse_notice((DATA / "sample_notice.txt").read_text(encoding="utf-8"), organisations=ORGS)


def test_sample_metadata(sample):
    assert sample.number == "99/TB-VPCP"
    assert sample.doc_type == "Thông báo"
    assert sample.issuer_name == VPCP and org_name(sample.issuer_match.organisation) == VPCP
    assert sample.issue_date == date(2031, 3, 14)
    assert sample.issue_date_text == "Hà Nội, ngày 14 tháng 3 năm 2031"
    assert sample.subject == (
        "Kết luận của Phó Thủ tướng Chính phủ Lê Văn Mẫu tại Hội nghị trực tuyến sơ kết thí điểm nền tảng học kỹ "
        "năng số cho người dân"
    )
    assert sample.title.startswith("Thông báo kết luận của Phó Thủ tướng")
    assert sample.suggested_key == "99-tb-vpcp"
    assert sample.signer == "Trần Thị Mẫu"
    assert sample.signer_title == "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM"
    assert sample.preamble.startswith("Ngày 02 tháng 3 năm 2031, tại trụ sở Chính phủ")
    assert sample.preamble.endswith("kết luận như sau:")
    assert sample.recipients[0] == "Thủ tướng, các Phó Thủ tướng Chính phủ"
    assert sample.recipients[-1] == "Lưu: VT, KGVX"
    assert sample.warnings == []


def test_sample_sections(sample):
    assert [(s.number, s.label, s.title, s.kind) for s in sample.sections] == [
        (1, "I", "KẾT QUẢ ĐẠT ĐƯỢC", SectionKind.RESULTS),
        (2, "II", "HẠN CHẾ, TỒN TẠI", SectionKind.LIMITATIONS),
        (3, "III", "ĐỊNH HƯỚNG THỜI GIAN TỚI", SectionKind.DIRECTIONS),
        (4, "IV", "NHIỆM VỤ CỤ THỂ", SectionKind.TASKS),
    ]
    results = sample.sections[0].body
    assert "\n- Khoảng 1,2 triệu lượt" in results and "\n- 100% xã, phường" in results
    assert "Nơi nhận" not in sample.sections[-1].body and "Trần Thị Mẫu" not in sample.sections[-1].body


def test_sample_tasks(sample):
    tasks = sample.tasks
    assert len(tasks) == 13
    assert [t.number for t in tasks] == list(range(1, 14))
    summary = [(t.section_number, t.label, lead_of(t), t.deadline_kind, t.deadline_date) for t in tasks]
    assert summary == [
        (3, "", CT, U, None),  # a task inside the directions section
        (4, "1", KHCN, M, date(2031, 4, 30)),
        (4, "2", GDDT, Q, date(2031, 6, 30)),
        (4, "3.a", CA, D, date(2031, 6, 30)),  # "3. Bộ Công an:" gives its lead to a) and b)
        (4, "3.b", CA, U, None),
        (4, "4", NV, D, date(2031, 5, 15)),
        (4, "5", TTTT, D, date(2031, 4, 20)),
        (4, "6", New("Ủy ban nhân dân tỉnh Hòa Bình Thử"), U, None),
        (4, "7", Group("Các bộ, ngành, địa phương"), Y, date(2031, 12, 31)),
        (4, "8", None, N, None),
        (4, "9", VPCP, D, date(2031, 6, 30)),
        (4, "10", KHCN, M, date(2031, 5, 31)),
        (4, "10", KHCN, Q, date(2031, 9, 30)),  # the second dated clause of item 10
    ]
    assert tasks[1].partners_text == "các bộ, ngành, địa phương"
    assert [resolved(m) for m in tasks[2].partner_matches] == [KHCN]
    assert tasks[2].partners_text == "các trường, doanh nghiệp"
    assert tasks[2].deadline_text == "hoàn thành trong quý II/2031"
    assert tasks[3].partners_text == "các đơn vị liên quan"
    assert tasks[3].text.startswith("Chủ trì, phối hợp với các đơn vị liên quan")
    assert tasks[3].title.startswith("Bảo đảm an toàn, an ninh cho nền tảng")
    assert [resolved(m) for m in tasks[5].partner_matches] == [New("Bộ Tài chính")]
    assert tasks[5].deadline_text == "trước ngày 15 tháng 5 năm 2031"
    assert tasks[10].deadline_text == "trong 6 tháng đầu năm 2031"
    proposed = [(m.proposed_name, m.proposed_short_name) for m in sample.proposed_organisations]
    assert proposed == [("Bộ Tài chính", ""), ("Ủy ban nhân dân tỉnh Hòa Bình Thử", "UBND tỉnh Hòa Bình Thử")]


def test_sample_is_not_presented_as_a_real_notice():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert "giả định" in readme and "99/TB-VPCP" in readme


# --- Headers pasted in other shapes ---------------------------------------------------------------------------


def test_header_with_columns_on_one_line_and_a_number_in_the_title():
    text = (
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "                              Độc lập - Tự do - Hạnh phúc\n"
        "Số: 123/KH-BKHCN\tHà Nội, ngày 01 tháng 10 năm 2025\n\n"
        "KẾ HOẠCH\nTổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm 2025\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\n"
    )
    notice = parse_notice(text, organisations=ORGS)
    assert (notice.number, notice.doc_type, notice.issuer_name) == ("123/KH-BKHCN", "Kế hoạch", KHCN)
    assert notice.issue_date == date(2025, 10, 1)
    assert notice.subject == "Tổ chức các hoạt động hưởng ứng Ngày Chuyển đổi số quốc gia năm 2025"


@pytest.mark.parametrize(
    ("header", "number", "doc_type", "issuer"),
    [
        ("THÔNG BÁO số 4/TB-VPCP\nKết luận của Thủ tướng Chính phủ", "4/TB-VPCP", "Thông báo", VPCP),
        ("QUYẾT ĐỊNH\nSố: 505/QĐ-TTg", "505/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"),
        ("Số: 4567/VPCP-KGVX\nV/v triển khai kết luận", "4567/VPCP-KGVX", "Công văn", VPCP),
        ("CHỈ THỊ\nSố 05/CT-TTg", "05/CT-TTg", "Chỉ thị", "Thủ tướng Chính phủ"),
        ("NGHỊ QUYẾT\nSố: 57-NQ/TW", "57-NQ/TW", "Nghị quyết", ""),
        ("BỘ Y TẾ\nSố: 12/TB-BYT\nTHÔNG BÁO", "12/TB-BYT", "Thông báo", "Bộ Y tế"),
    ],
)
def test_number_type_and_issuer(header, number, doc_type, issuer):
    notice = parse_notice(f"{header}\nI. NỘI DUNG\nNội dung.", organisations=ORGS)
    assert (notice.number, notice.doc_type, notice.issuer_name) == (number, doc_type, issuer)


MESSY = """VĂN PHÒNG CHÍNH PHỦ      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
-------                  Độc lập - Tự do - Hạnh phúc
Số: 7/TB-VPCP            Hà Nội, ngày 05 tháng 01 năm 2030

THÔNG BÁO
KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TẠI CUỘC HỌP
VỀ NỀN TẢNG DỮ LIỆU THỬ NGHIỆM

I. ĐÁNH GIÁ CHUNG
Nhận thức có chuyển biến rõ nét.
II. NHIỆM VỤ
1. Bộ Công an chủ trì, phối hợp với
Bộ Khoa học và Công nghệ xây dựng khung dữ liệu thử nghiệm, hoàn thành trong tháng 01/2030.
2. Bộ Khoa học và Công nghệ chủ trì, phối hợp với các bộ, ngành khẩn trương ban hành hướng dẫn
thi hành luật; sớm hoàn thiện khung pháp lý.
Nơi nhận:                                    KT. BỘ TRƯỞNG, CHỦ NHIỆM
- Thủ tướng, các PTTg;                       PHÓ CHỦ NHIỆM
- Lưu: VT.
                                             Nguyễn Văn Thử
"""


def test_a_pdf_copy_with_columns_and_broken_lines():
    notice = parse_notice(MESSY, organisations=ORGS)
    assert (notice.number, notice.issuer_name, notice.issue_date) == ("7/TB-VPCP", VPCP, date(2030, 1, 5))
    assert notice.subject == "KẾT LUẬN CỦA PHÓ THỦ TƯỚNG CHÍNH PHỦ TẠI CUỘC HỌP VỀ NỀN TẢNG DỮ LIỆU THỬ NGHIỆM"
    assert [w.code for w in notice.warnings] == ["subject_in_capitals"]
    assert (notice.signer, notice.signer_title) == ("Nguyễn Văn Thử", "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM")
    assert notice.recipients == ["Thủ tướng, các PTTg", "Lưu: VT"]
    first, second = notice.tasks
    assert [resolved(m) for m in first.partner_matches] == [KHCN]  # the name on the next line was joined back
    assert (first.deadline_kind, first.deadline_date) == (M, date(2030, 1, 31))
    assert second.text.endswith("thi hành luật; sớm hoàn thiện khung pháp lý.")
    assert (second.partners_text, second.deadline_text) == ("các bộ, ngành", "khẩn trương, sớm")


def test_invalid_issue_date_is_kept_as_text():
    notice = parse_notice("Số: 1/TB-VPCP\nHà Nội, ngày 31 tháng 02 năm 2026\nI. A\nB.", organisations=ORGS)
    assert (notice.issue_date, notice.issue_date_text) == (None, "Hà Nội, ngày 31 tháng 02 năm 2026")
    assert "invalid_issue_date" in [w.code for w in notice.warnings]


def test_no_signature_block_means_no_signer():
    notice = parse_notice("THÔNG BÁO\nVề việc thử\nI. NỘI DUNG\nBộ Công an chủ trì rà soát, hoàn thành năm 2026.")
    assert (notice.signer, notice.signer_title, notice.recipients) == ("", "", [])


# --- Odd input ----------------------------------------------------------------------------------------------------


def _random_text(seed: int, size: int) -> str:
    rng = random.Random(seed)
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ AĐÊÔƠƯ.,;:/()-–\n\t0123456789IVX😀\x00\x07\u200b"
    return "".join(rng.choice(alphabet) for _ in range(size))


ODD_INPUTS = [
    pytest.param("", id="empty"),
    pytest.param("   \n\n\t  ", id="blank"),
    pytest.param("\x00" * 5000, id="nul"),
    pytest.param("\x1b[31m\x07\x08\x0c\r\r\n" * 100, id="control"),
    pytest.param("😀🇻🇳👨‍👩‍👧 " * 2000, id="emoji"),
    pytest.param("\ud800 lone surrogate \udfff", id="surrogates"),
    pytest.param("I. " * 20000, id="many-headings"),
    pytest.param("Bộ " * 60000, id="many-heads"),
    pytest.param("phối hợp với các bộ, " * 20000, id="endless-partners"),
    pytest.param("Bộ Công an chủ trì" + ", Bộ Công an" * 30000, id="endless-leads"),
    pytest.param("x" * 1_100_000, id="one-megabyte-one-word"),
    pytest.param(_random_text(1, 1_050_000), id="one-megabyte-random"),
    pytest.param("trước ngày 99/99/9999 quý 9/0 tháng 0/0 năm 0 " * 1000, id="nonsense-dates"),
    pytest.param("Số: " + "9" * 5000 + "/TB-VPCP\n" + "Hà Nội, ngày 1 tháng 1 năm 99999", id="huge-numbers"),
    pytest.param(b"B\xe1\xbb\x99 C\xc3\xb4ng an ch\xe1\xbb\xa7 tr\xc3\xac \xff", id="bytes"),
    pytest.param(None, id="none"),
]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_never_raises(text):
    notice = parse_notice(text, organisations=ORGS)
    assert isinstance(notice, ParsedNotice)
    assert "internal_error" not in [w.code for w in notice.all_warnings]


def test_empty_input_says_so():
    assert [w.code for w in parse_notice("").warnings] == ["empty"]


def test_very_long_input_is_cut_with_a_warning():
    sample = (DATA / "sample_notice.txt").read_text(encoding="utf-8")
    notice = parse_notice(sample * 100, organisations=ORGS)
    assert "truncated" in [w.code for w in notice.warnings]
    assert notice.number == "99/TB-VPCP"


def test_too_many_tasks_are_cut_with_a_warning():
    notice = parse_notice("IV. NHIỆM VỤ\n" + "Bộ Công an sớm rà soát.\n" * 600, organisations=ORGS)
    assert len(notice.tasks) == 500
    assert "too_many_tasks" in [w.code for w in notice.warnings]


def test_parser_failure_is_a_warning_not_an_exception(monkeypatch):
    import resolutions.importer.notice as notice_module

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(notice_module, "find_headings", boom)
    notice = parse_notice("I. A\nB", organisations=ORGS)
    assert [w.code for w in notice.warnings] == ["internal_error"]
