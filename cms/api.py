"""Wagtail API v2 wiring (headless). Document pages carry the full document JSON.

Every endpoint filters its base queryset with documents.permissions, so listing, detail, `search`, `child_of`,
`descendant_of`, `ancestor_of`, `find` and `fields` only ever see what the requester may read; a document the
requester may not read answers 404 as if it did not exist. Session and token authentication both apply.
"""
from __future__ import annotations

from django.utils.cache import patch_cache_control, patch_vary_headers
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms import anonymous_cache, document_cache
from cms.security.api_params import CheckedQueryMixin
from cms.security.tokens import ApiTokenAuthentication
from documents.models import DocumentPage, Visibility
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
        instance = self.get_object()  # from the permission-filtered queryset: a 404 for an unreadable document
        if not isinstance(instance, DocumentPage):
            return Response(self.get_serializer(instance).data)
        if not document_cache.cacheable(instance):
            return Response(self._document_data(instance, request))
        # An issued document: its data per revision and the caller's visible relations, from the cache.
        relations = document_cache.visible_relation_ids(instance, request.user)
        key = document_cache.content_key("pages-api", instance, request, relations, request.GET.urlencode())
        tag = document_cache.etag(key)
        if document_cache.matches(request, tag):
            response = Response(status=304)
        else:
            response = Response(document_cache.remember(key, lambda: self._document_data(instance, request)))
        response["ETag"] = tag
        if instance.visibility == Visibility.PUBLIC:
            patch_cache_control(response, no_cache=True)
        else:
            patch_cache_control(response, no_cache=True, private=True)
        patch_vary_headers(response, ["Authorization", "Cookie"])
        anonymous_cache.mark_shareable(request, response, instance, relations)
        return response

    def _document_data(self, instance: DocumentPage, request) -> dict:
        data = dict(self.get_serializer(instance).data)
        data.update(document_json(instance, request))
        body = getattr(instance.specific, "body", None)
        data["body"] = body.stream_block.get_api_representation(body) if body is not None else []
        return data


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
