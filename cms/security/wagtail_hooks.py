"""Wagtail hooks of the hardening app (auto-imported by Wagtail, as for every installed app)."""
from __future__ import annotations

from wagtail import hooks

from .api_params import CheckedQueryMixin


@hooks.register("construct_admin_api", order=1000)  # after the apps that add their endpoints
def check_admin_api_parameters(router) -> None:
    """The admin's own API refuses bad parameters like the public one (api_params.py)."""
    for name, endpoint in list(router._endpoints.items()):
        if not issubclass(endpoint, CheckedQueryMixin):
            router.register_endpoint(name, type(endpoint.__name__, (CheckedQueryMixin, endpoint), {}))
