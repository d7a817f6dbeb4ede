from django.urls import path

from search.views import search_page

urlpatterns = [
    path("tim-kiem/", search_page, name="search-page"),
]
