"""GET /api/search/: session or token authentication (DRF), the permission filter inside the query."""
from __future__ import annotations

from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from search.service import InvalidSearch, search_response


class SearchAPIView(APIView):
    """Search issued documents: ?q=&kind=&issuer=&year=&signer=&status=&sort=&page=&page_size=."""

    permission_classes = [AllowAny]  # anonymous readers search public documents only
    renderer_classes = [JSONRenderer]

    def get(self, request: Request) -> Response:
        try:
            return Response(search_response(request.query_params, request))
        except InvalidSearch as exc:
            return Response({"error": str(exc)}, status=400)
