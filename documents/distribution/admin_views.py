"""Wagtail admin: the clerk's tracking of each document's distribution (theo dõi gửi văn bản)."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import Delivery, DeliveryChannel, DeliveryNotice, DeliveryStatus, DocumentPage, Issuer
from documents.permissions import is_clerk
from documents.workflow.notes import recall_notes

from .receipt import acknowledge
from .sending import DistributionError, is_archived_import, mark_manual_sent, requeue, resend_document
from .tracking import document_deliveries, summary


def _clerk_issuer_ids(user) -> list[int]:
    if user.is_superuser:
        return list(Issuer.objects.values_list("pk", flat=True))
    return [issuer.pk for issuer in Issuer.objects.select_related("office") if is_clerk(user, issuer)]


def index(request):
    """Issued documents of the issuers the clerk serves, with how many receivers confirmed receipt."""
    pages = (
        DocumentPage.objects.filter(issuer_id__in=_clerk_issuer_ids(request.user), deliveries__isnull=False)
        .distinct().select_related("issuer").prefetch_related("deliveries").order_by("-issued_on", "-pk")[:200]
    )
    now = timezone.now()
    rows = []
    for page in pages:
        counts = summary(list(page.deliveries.all()), now)  # prefetched
        rows.append({"page": page, "summary": counts})
    return TemplateResponse(request, "distribution/admin/index.html", {"rows": rows})


def tracking(request, page_id: int):
    page = get_object_or_404(DocumentPage.objects.select_related("issuer"), pk=page_id)
    if not is_clerk(request.user, page.issuer):
        raise Http404
    here = reverse("distribution_admin:tracking", args=[page.pk])
    if request.method == "POST":
        _act(request, page)
        return HttpResponseRedirect(here)
    now = timezone.now()
    deliveries = document_deliveries(page)
    recalled = page.is_recalled
    # After a thu hồi what is followed is the recall notice: counted alone, listed first; the document's own
    # deliveries (all revoked) stay below as a record of who had received it.
    followed = [d for d in deliveries if d.notice == DeliveryNotice.RECALL] if recalled else deliveries
    return TemplateResponse(request, "distribution/admin/tracking.html", {
        "page": page.specific, "deliveries": followed, "summary": summary(followed, now),
        "earlier": [d for d in deliveries if d.notice != DeliveryNotice.RECALL] if recalled else [],
        "recall": recall_notes([page.pk]).get(page.pk) if recalled else None,
        "archived": not deliveries and is_archived_import(page),
        "overdue": [d for d in followed if d.is_overdue(now)], "now": now,
        "retryable": (DeliveryStatus.QUEUED, DeliveryStatus.FAILED),
    })


def _act(request, page: DocumentPage) -> None:
    action = request.POST.get("action", "")
    if action == "resend_all":
        try:
            count = resend_document(page, request.user)
        except DistributionError as exc:
            messages.error(request, str(exc))
            return
        if count:
            messages.success(request, _("Đã đưa %(count)d lượt gửi vào hàng đợi để gửi lại.") % {"count": count})
        else:  # a paper copy waiting is the clerk's to carry, then to mark as sent: nothing to send again here
            messages.info(request, _("Không có lượt gửi thư điện tử nào đang chờ hoặc bị lỗi để gửi lại. Bản giấy "
                                     "gửi tay: khi đã chuyển, bấm “Đánh dấu đã gửi” ở dòng của nơi nhận đó."))
        return
    delivery = get_object_or_404(Delivery, pk=request.POST.get("delivery") or 0, document_id=page.pk)
    if action == "resend":
        done = requeue([delivery])
        messages.success(request, _("Đã đưa vào hàng đợi để gửi lại.") if done else _("Lượt gửi này đã gửi xong."))
    elif action == "mark_sent" and delivery.channel == DeliveryChannel.MANUAL:
        mark_manual_sent(delivery)
        messages.success(request, _("Đã ghi nhận đã gửi đến %(name)s.") % {"name": delivery.recipient_name})
    elif action == "acknowledge" and delivery.status not in (DeliveryStatus.REVOKED, DeliveryStatus.QUEUED):
        acknowledge(delivery)
        messages.success(request, _("Đã ghi nhận %(name)s xác nhận đã nhận.") % {"name": delivery.recipient_name})
    else:
        messages.error(request, _("Thao tác không hợp lệ."))
