from django.urls import path

from search.api import SearchAPIView
from search.views import search_page

urlpatterns = [
    path("api/search/", SearchAPIView.as_view(), name="search-api"),
    path("tim-kiem/", search_page, name="search-page"),
]
