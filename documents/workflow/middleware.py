"""Workflow middleware of the admin (listed in settings.MIDDLEWARE).

TransitionErrorMiddleware: a transition refused in the admin (no term to number under, content changed after
signing, …) becomes an error message on the page the user came from, instead of a server error.
SubmitCommentMiddleware: the editor's "Trình ký" posts the page form to Wagtail's view, which starts the workflow
without a comment; the comment box of that button reaches the started step through transitions.submit_comment.
"""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from .transitions import TransitionError, submit_comment

SUBMIT_COMMENT_FIELD = "vanban_submit_comment"  # the textarea of the editor's Trình ký dialog


class TransitionErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, TransitionError) or not request.path.startswith("/admin/"):
            return None
        messages.error(request, " ".join(exception.messages))
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = "/admin/"
        if request.headers.get("x-requested-with") == "XMLHttpRequest":  # the workflow action modal
            from wagtail.admin.modal_workflow import render_modal_workflow

            return render_modal_workflow(request, "", None, {}, json_data={"step": "success", "redirect": back})
        return redirect(back)


class SubmitCommentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (request.method != "POST" or not request.path.startswith("/admin/pages/")
                or "action-submit" not in request.POST):
            return self.get_response(request)
        with submit_comment(request.POST.get(SUBMIT_COMMENT_FIELD, "")):
            return self.get_response(request)
