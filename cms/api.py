"""Wagtail API v2 wiring (headless). Document pages carry the full document JSON.

Every endpoint filters its base queryset with documents.permissions, so listing, detail, `search`, `child_of`,
`descendant_of`, `ancestor_of`, `find` and `fields` only ever see what the requester may read; a document the
requester may not read answers 404 as if it did not exist. Session and token authentication both apply.
"""
from __future__ import annotations

from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.security.api_params import CheckedQueryMixin
from cms.security.tokens import ApiTokenAuthentication
from documents.models import DocumentPage
from documents.permissions import hide_unreadable_documents, readable_collection_filter, readable_files
from documents.serializers import document_json

API_AUTHENTICATION = [ApiTokenAuthentication, SessionAuthentication]  # token first: a bad token answers 401


class DocumentAwarePagesAPIViewSet(CheckedQueryMixin, PagesAPIViewSet):
    """Pages endpoint whose detail view of a document adds every structured field."""

    authentication_classes = API_AUTHENTICATION

    def get_base_queryset(self):
        # Live pages as Wagtail decides; of the documents, only those the requester may read.
        return hide_unreadable_documents(super().get_base_queryset(), self.request.user)

    def detail_view(self, request, pk):
        response = super().detail_view(request, pk)
        instance = self.get_object()
        if isinstance(instance, DocumentPage):
            data = dict(response.data)
            data.update(document_json(instance, request))
            body = getattr(instance.specific, "body", None)
            data["body"] = body.stream_block.get_api_representation(body) if body is not None else []
            return Response(data)
        return response


class PermissionAwareDocumentsAPIViewSet(CheckedQueryMixin, DocumentsAPIViewSet):
    """Files: only those attached to a document the requester may read, or public files attached to none."""

    authentication_classes = API_AUTHENTICATION

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=readable_files(self.request.user).values("pk"))


class PermissionAwareImagesAPIViewSet(CheckedQueryMixin, ImagesAPIViewSet):
    """Images outside the private per-issuer collections (or in one the requester works in)."""

    authentication_classes = API_AUTHENTICATION

    def get_queryset(self):
        return super().get_queryset().filter(readable_collection_filter(self.request.user))


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", DocumentAwarePagesAPIViewSet)
api_router.register_endpoint("images", PermissionAwareImagesAPIViewSet)
api_router.register_endpoint("documents", PermissionAwareDocumentsAPIViewSet)
