"""Wagtail API v2 wiring (headless). Document pages carry the full document JSON."""
from __future__ import annotations

from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from documents.models import DocumentPage
from documents.serializers import document_json


class DocumentAwarePagesAPIViewSet(PagesAPIViewSet):
    """Pages endpoint whose detail view of a document adds every structured field."""

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


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", DocumentAwarePagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
