import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.attachments import attachment_create, attachments_for
from core.publishing import Status
from tests.factories import make_document, make_edition
from tests.users import editor, staff_without_role

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_pdf_attached_to_a_document_is_served_with_safe_headers(client):
    document = make_document()
    attachment = attachment_create(
        owner=document, uploaded=SimpleUploadedFile("Thông báo 4.pdf", PDF), title="Bản chụp thông báo", user=editor()
    )
    assert (attachment.mime_type, attachment.size) == ("application/pdf", len(PDF))
    assert attachment.file.name.endswith("thong-bao-4.pdf")
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="thong-bao-4.pdf"' in response["Content-Disposition"]
    assert list(attachments_for(document)) == [attachment]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("trang.html", b"<html><script>alert(1)</script>", "Chỉ nhận tệp PDF"),
        ("anh.pdf", PNG, "Đuôi tệp không khớp"),
        ("rong.pdf", b"", "Tệp rỗng"),
    ],
)
def test_bad_files_are_refused_with_a_vietnamese_message(name, content, message):
    with pytest.raises(ValidationError) as error:
        attachment_create(owner=make_edition(), uploaded=SimpleUploadedFile(name, content), title="x", user=editor())
    assert message in str(error.value)


def test_too_large_file_is_refused(monkeypatch):
    from core import attachments

    monkeypatch.setattr(attachments, "ATTACHMENT_MAX_BYTES", 1024)
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * 2048)
    with pytest.raises(ValidationError, match="Tệp quá lớn"):
        attachment_create(owner=make_edition(), uploaded=big, title="x", user=editor())


def test_staff_without_role_cannot_upload():
    with pytest.raises(PermissionDenied):
        attachment_create(
            owner=make_edition(), uploaded=SimpleUploadedFile("a.pdf", PDF), title="x", user=staff_without_role()
        )


def test_file_of_a_draft_document_is_404(client):
    document = make_document(status=Status.DRAFT)
    attachment = attachment_create(owner=document, uploaded=SimpleUploadedFile("a.pdf", PDF), title="x", user=editor())
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_public_page_lists_files_with_type_and_size(client):
    document = make_document()
    attachment_create(owner=document, uploaded=SimpleUploadedFile("ban-chup.pdf", PDF), title="Bản chụp", user=editor())
    body = client.get(document.get_absolute_url()).content.decode()
    assert "Tệp gốc" in body
    assert "Bản chụp" in body
    assert "(PDF, " in body
