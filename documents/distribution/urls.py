"""URLs of the distribution area (included from cms/urls.py before Wagtail's catch-all)."""
from django.urls import path

from . import api, site

app_name = "distribution"

urlpatterns = [
    path("api/inbox/", api.InboxView.as_view(), name="api_inbox"),
    path("api/inbox/<int:delivery_id>/", api.InboxItemView.as_view(), name="api_inbox_item"),
    path("api/inbox/<int:delivery_id>/acknowledge/", api.InboxAcknowledgeView.as_view(), name="api_inbox_acknowledge"),
    path("api/documents/<int:page_id>/deliveries/", api.DocumentDeliveriesView.as_view(), name="api_deliveries"),
    path("api/registers/<int:issuer_id>/outgoing.csv", api.OutgoingRegisterView.as_view(file_format="csv"),
         name="api_register_csv"),
    path("api/registers/<int:issuer_id>/outgoing.xlsx", api.OutgoingRegisterView.as_view(file_format="xlsx"),
         name="api_register_xlsx"),
    path("hop-thu/", site.inbox, name="inbox"),
    path("hop-thu/<int:delivery_id>/", site.open_delivery, name="open"),
    path("hop-thu/<int:delivery_id>/xac-nhan/", site.acknowledge_view, name="acknowledge"),
    path("hop-thu/xac-nhan/<str:token>/", site.ack_link, name="ack_link"),
]
