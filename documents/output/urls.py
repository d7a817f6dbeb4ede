"""URLs of the official output (included from cms/urls.py before Wagtail's catch-all)."""
from django.urls import path

from . import views

app_name = "output"

urlpatterns = [
    path("van-ban/<int:page_id>/pdf/", views.document_pdf, name="pdf"),
    path("van-ban/<int:page_id>/docx/", views.document_docx, name="docx"),
    path("api/verify/", views.verify_view, name="verify"),
]
