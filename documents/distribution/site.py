"""Hộp thư văn bản: the receiver's inbox page in the public site, and the confirm-by-link page for e-mail."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from documents.models import Delivery, DeliveryNotice, DeliveryStatus
from documents.workflow.notes import recall_note

from .api import inbox_queryset, with_documents
from .receipt import acknowledge, delivery_from_token, mark_delivery_read


def _login_required(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_login_required
def inbox(request):
    """Danh sách văn bản gửi đến tôi, trạng thái và nút "Xác nhận đã nhận"."""
    now = timezone.now()
    items = [{"delivery": d, "page": page, "overdue": d.is_overdue(now),
              "reason": recall_note(page)[1] if d.notice == DeliveryNotice.RECALL else ""}
             for d, page in with_documents(inbox_queryset(request.user))]
    pending = sum(1 for item in items if item["delivery"].status != DeliveryStatus.ACKNOWLEDGED)
    return render(request, "distribution/inbox.html", {"items": items, "pending": pending})


@_login_required
def open_delivery(request, delivery_id: int):
    """Open a document from the inbox: it becomes "đã xem", then the document itself is shown. A copy revoked by a
    thu hồi (an old link in a mail) leads to the document's address, which says it was recalled, when and why."""
    revoked = Delivery.objects.filter(pk=delivery_id, user=request.user, status=DeliveryStatus.REVOKED).first()
    if revoked is not None:
        return HttpResponseRedirect(revoked.document.specific.get_url(request) or reverse("distribution:inbox"))
    delivery = get_object_or_404(inbox_queryset(request.user), pk=delivery_id)
    mark_delivery_read(delivery)
    if delivery.notice == DeliveryNotice.RECALL:
        return HttpResponseRedirect(reverse("distribution:inbox"))
    return HttpResponseRedirect(delivery.document.specific.get_url(request) or reverse("distribution:inbox"))


@require_POST
@_login_required
def acknowledge_view(request, delivery_id: int):
    delivery = acknowledge(get_object_or_404(inbox_queryset(request.user), pk=delivery_id))
    page = delivery.document.specific
    if delivery.notice == DeliveryNotice.RECALL:
        text = _("Đã xác nhận nhận thông báo thu hồi văn bản %(document)s.")
    else:
        text = _("Đã xác nhận văn bản %(document)s.")
    messages.success(request, text % {"document": page.notation or page.title})
    return HttpResponseRedirect(reverse("distribution:inbox"))


@require_http_methods(["GET", "POST"])
def ack_link(request, token: str):
    """Xác nhận đã nhận from the link in an e-mail (receivers without an account). POST only acts.

    The page names neither the document nor the receiver: the mail already did, and a link that leaks (a
    forwarded mail, a proxy log) must not tell its finder what was sent to whom. A bad, forged or expired link
    answers the 404 of a page that does not exist."""
    delivery_id = delivery_from_token(token)
    if delivery_id is None:
        raise Http404
    delivery = get_object_or_404(Delivery.objects.select_related("document"), pk=delivery_id)
    if delivery.status == DeliveryStatus.REVOKED:  # recalled: nothing to confirm; still named to nobody
        return render(request, "distribution/ack_link.html", {"delivery": delivery, "revoked": True}, status=410)
    if request.method == "POST" and delivery.status != DeliveryStatus.ACKNOWLEDGED:
        delivery = acknowledge(delivery)
    return render(request, "distribution/ack_link.html", {"delivery": delivery})
