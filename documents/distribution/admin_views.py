"""Wagtail admin: the clerk's tracking of each document's distribution (theo dõi gửi văn bản)."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from documents.models import Delivery, DeliveryChannel, DeliveryStatus, DocumentPage, Issuer
from documents.permissions import is_clerk

from .receipt import acknowledge
from .sending import DistributionError, mark_manual_sent, requeue, resend_document
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
    return TemplateResponse(request, "distribution/admin/tracking.html", {
        "page": page.specific, "deliveries": deliveries, "summary": summary(deliveries, now),
        "overdue": [d for d in deliveries if d.is_overdue(now)], "now": now,
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
        messages.success(request, f"Đã đưa {count} lượt gửi vào hàng đợi để gửi lại.")
        return
    delivery = get_object_or_404(Delivery, pk=request.POST.get("delivery") or 0, document_id=page.pk)
    if action == "resend":
        done = requeue([delivery])
        messages.success(request, "Đã đưa vào hàng đợi để gửi lại." if done else "Lượt gửi này đã gửi xong.")
    elif action == "mark_sent" and delivery.channel == DeliveryChannel.MANUAL:
        mark_manual_sent(delivery)
        messages.success(request, f"Đã ghi nhận đã gửi đến {delivery.recipient_name}.")
    elif action == "acknowledge" and delivery.status not in (DeliveryStatus.REVOKED, DeliveryStatus.QUEUED):
        acknowledge(delivery)
        messages.success(request, f"Đã ghi nhận {delivery.recipient_name} xác nhận đã nhận.")
    else:
        messages.error(request, "Thao tác không hợp lệ.")
