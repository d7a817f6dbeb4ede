"""URLs of the distribution area (included from cms/urls.py before Wagtail's catch-all); its API is in cms/rest/."""
from django.urls import path

from . import site

app_name = "distribution"

urlpatterns = [
    path("hop-thu/", site.inbox, name="inbox"),
    path("hop-thu/<int:delivery_id>/", site.open_delivery, name="open"),
    path("hop-thu/<int:delivery_id>/xac-nhan/", site.acknowledge_view, name="acknowledge"),
    path("hop-thu/xac-nhan/<str:token>/", site.ack_link, name="ack_link"),
]
