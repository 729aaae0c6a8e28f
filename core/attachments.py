"""Original files attached to documents and editions: checked on upload, served with safe headers."""

from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from core.caching import public_page
from core.models import ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, Attachment
from core.text import slugify_vi

# The first bytes of each accepted type: the declared type and the name are not trusted.
_SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
_EXTENSIONS = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


def sniff_type(head: bytes) -> str | None:
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    for mime, signatures in _SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return mime
    return None


def validate_upload(uploaded) -> str:
    """The file's real type, or a Vietnamese ValidationError (size, type, name/type mismatch)."""
    if uploaded.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError(_("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": ATTACHMENT_MAX_BYTES // (1024 * 1024)})
    if uploaded.size == 0:
        raise ValidationError(_("Tệp rỗng."))
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    mime = sniff_type(head)
    if mime not in ATTACHMENT_TYPES:
        raise ValidationError(_("Chỉ nhận tệp PDF, JPEG, PNG hoặc WebP."))
    extension = PurePath(uploaded.name or "").suffix.lower()
    if _EXTENSIONS.get(extension) != mime:
        raise ValidationError(_("Đuôi tệp không khớp với nội dung tệp."))
    return mime


@transaction.atomic
def attachment_create(*, owner, uploaded, title: str, user, is_public: bool = True) -> Attachment:
    if user is None or not user.has_perm("core.add_attachment"):
        raise PermissionDenied(_("Bạn không có quyền tải tệp lên."))
    mime = validate_upload(uploaded)
    stem = slugify_vi(PurePath(uploaded.name).stem, max_length=60) or "tep"
    uploaded.name = stem + ATTACHMENT_TYPES[mime]
    return Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(owner),
        object_id=owner.pk,
        title=title or stem,
        file=uploaded,
        mime_type=mime,
        size=uploaded.size,
        is_public=is_public,
    )


def attachments_for(owner):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(owner), object_id=owner.pk, is_public=True
    )


def _owner_is_public(attachment: Attachment) -> bool:
    model = attachment.content_type.model_class()
    manager = model._default_manager
    queryset = manager.published() if hasattr(manager, "published") else manager.all()
    return queryset.filter(pk=attachment.object_id).exists()


@public_page
def attachment_download(request, pk: int, name: str = ""):
    attachment = Attachment.objects.select_related("content_type").filter(pk=pk, is_public=True).first()
    if attachment is None or not _owner_is_public(attachment):
        raise Http404(_("Không có tệp này."))
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime_type,
        as_attachment=attachment.mime_type == "application/pdf" and "tai-ve" in request.GET,
        filename=PurePath(attachment.file.name).name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
