"""The write API (issue 13): django-ninja operations under /api/, one module per resource; api.py assembles them."""
