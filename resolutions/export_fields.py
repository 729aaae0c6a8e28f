"""The open-data files' fields: the single source of both the files' columns and their documentation on /du-lieu/."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    name: str
    meaning: str


TASK_FIELDS = (
    Field("id", _("Mã ổn định của nhiệm vụ: mã văn bản/số thứ tự, ví dụ 4-tb-vpcp/3.")),
    Field("document_key", _("Mã cố định của văn bản (dùng trong địa chỉ /van-ban/<mã>/).")),
    Field("number", _("Số thứ tự nhiệm vụ trong văn bản, do Kho tri thức đánh theo trình tự văn bản.")),
    Field("label", _("Đánh số của chính văn bản, nếu văn bản tự đánh số.")),
    Field("document_number", _("Số hiệu văn bản, ví dụ 4/TB-VPCP (không duy nhất: số thông báo lặp lại mỗi năm).")),
    Field("document_type", _("Loại văn bản.")),
    Field("edition", _("Mã kỳ diễn đàn mà văn bản kết luận: chuỗi/năm, ví dụ dien-dan/2025.")),
    Field("section", _("Số mục của văn bản chứa nhiệm vụ.")),
    Field("title", _("Tên ngắn của nhiệm vụ.")),
    Field("summary", _("Nội dung nhiệm vụ, diễn đạt lại bằng lời của Kho tri thức.")),
    Field("lead", _("Mã (slug) cơ quan chủ trì; trống nếu văn bản không nêu hoặc chưa có thông tin.")),
    Field("lead_name", _("Tên đầy đủ cơ quan chủ trì.")),
    Field("partners", _("Mã các cơ quan phối hợp (trong CSV cách nhau bằng “; ”).")),
    Field("partner_names", _("Tên các cơ quan phối hợp.")),
    Field("partners_text", _("Phối hợp không phải một cơ quan cụ thể, ví dụ “các bộ, ngành”.")),
    Field("assignees", _("Giao chung, không nêu cơ quan chủ trì: mã các cơ quan được giao (khi đó lead trống).")),
    Field("assignee_names", _("Tên các cơ quan được giao chung.")),
    Field("assignees_text", _("Giao chung cho đối tượng không phải một cơ quan cụ thể, ví dụ “các bộ, ngành”.")),
    Field("deadline_text", _("Thời hạn đúng như văn bản viết.")),
    Field("deadline_kind", _("Loại thời hạn: none, urgent, day, month, quarter, year.")),
    Field("deadline_date", _("Hạn chót (ngày cuối của kỳ hạn), dạng YYYY-MM-DD; trống nếu không có ngày.")),
    Field("deadline_state", _("Tình trạng thời hạn tính đến ngày xuất dữ liệu (mã).")),
    Field("deadline_state_label", _("Tình trạng thời hạn bằng lời.")),
    Field("status", _("Tình trạng trong lần cập nhật gần nhất (mã): no_update, in_progress, submitted, done.")),
    Field("status_label", _("Tình trạng gần nhất bằng lời.")),
    Field("status_date", _("Ngày của lần cập nhật gần nhất, dạng YYYY-MM-DD; trống nếu không rõ.")),
    Field("status_note", _("Ghi chú của lần cập nhật gần nhất (điều đã được báo cáo).")),
    Field("topics", _("Mã các chủ đề.")),
    Field("url", _("Địa chỉ cố định của trang nhiệm vụ.")),
)
EDITION_FIELDS = (
    Field("id", _("Mã ổn định của kỳ: chuỗi/năm, ví dụ dien-dan/2025.")),
    Field("series", _("Mã chuỗi sự kiện.")),
    Field("series_name", _("Tên chuỗi sự kiện.")),
    Field("number", _("Lần tổ chức.")),
    Field("year", _("Năm tổ chức.")),
    Field("year_inferred", _("true nếu nguồn không nêu năm và năm được suy ra.")),
    Field("title", _("Tên kỳ.")),
    Field("theme", _("Chủ đề (khẩu hiệu) của kỳ.")),
    Field("start_date", _("Ngày bắt đầu, dạng YYYY-MM-DD; trống nếu chưa có thông tin.")),
    Field("start_date_inferred", _("true nếu nguồn không nêu ngày và ngày được suy ra.")),
    Field("end_date", _("Ngày kết thúc.")),
    Field("date_text", _("Thời gian như nguồn nêu.")),
    Field("venue", _("Địa điểm.")),
    Field("organiser", _("Mã cơ quan chủ trì tổ chức; trống nếu nguồn không nêu.")),
    Field("topics", _("Mã các chủ đề.")),
    Field("sources", _("Mã các nguồn (xem /nguon/).")),
    Field("url", _("Địa chỉ cố định của trang kỳ.")),
)
DOCUMENT_FIELDS = (
    Field("id", _("Mã cố định của văn bản, ví dụ 4-tb-vpcp.")),
    Field("number", _("Số hiệu văn bản.")),
    Field("doc_type", _("Loại văn bản.")),
    Field("issuer", _("Mã cơ quan ban hành.")),
    Field("issuer_name", _("Tên cơ quan ban hành.")),
    Field("issue_date", _("Ngày ban hành, dạng YYYY-MM-DD; trống nếu nguồn không nêu.")),
    Field("issue_date_text", _("Ngày ban hành như đã biết.")),
    Field("signer", _("Người ký, nếu biết.")),
    Field("title", _("Tên gọi.")),
    Field("subject", _("Trích yếu.")),
    Field("edition", _("Mã kỳ diễn đàn mà văn bản kết luận.")),
    Field("task_count", _("Số nhiệm vụ đã công bố.")),
    Field("topics", _("Mã các chủ đề.")),
    Field("sources", _("Mã các nguồn.")),
    Field("url", _("Địa chỉ cố định của trang văn bản.")),
)
PERSON_FIELDS = (
    Field("id", _("Mã (slug) của nhân vật.")),
    Field("name", _("Họ và tên.")),
    Field("roles", _("Vai trò tại từng kỳ: edition (mã kỳ), title (chức vụ khi đó), part, organisation (mã cơ quan).")),
    Field("url", _("Địa chỉ trang nhân vật.")),
)
ORGANISATION_FIELDS = (
    Field("id", _("Mã (slug) của cơ quan, tổ chức.")),
    Field("name", _("Tên đầy đủ.")),
    Field("short_name", _("Tên viết tắt.")),
    Field("name_en", _("Tên tiếng Anh.")),
    Field("kind", _("Loại: government, ministry, agency, committee, local, other.")),
    Field("parent", _("Mã cơ quan cấp trên.")),
    Field("url", _("Địa chỉ trang cơ quan.")),
)
