"""THE permission matrix of issue 3: expected outcomes for people × channels × visibility × state.

Documents are quy chế of the Ban chỉ đạo (BCĐ), a body under the Đảng ủy (ĐU); the people are (tests/permission_setup.py):
  anon  anonymous                      tv    thanhvien: member of the BCĐ
  tvct  thanhvien_cap_tren: member of the ĐU (the issuer's superior)
  tvk   thanhvien_khac: member of another issuer (UBND)
  st    soanthao: drafter at the BCĐ   ld    lanhdao: signer at the BCĐ   vt    vanthu: clerk at the BCĐ
  gq    duoc_cap_quyen: no role, granted view with django-guardian on the restricted documents
  nn    noi_nhan: no role, named in every document's Nơi nhận (sending gives read access)   qt    quantri: superuser

Two grids say everything; `expected()` reads a channel's outcome off them.
"""
from __future__ import annotations

PEOPLE = ("anonymous", "thanhvien", "thanhvien_cap_tren", "thanhvien_khac", "soanthao", "lanhdao", "vanthu",
          "duoc_cap_quyen", "noi_nhan", "quantri")
VISIBILITIES = ("public", "internal", "restricted")
STATES = ("draft", "submitted", "signed", "issued", "recalled")

# READ — reader channels on LIVE documents. R reads it; "-" gets the same answer as for a document that does
# not exist (issue 14: anonymous readers too, where they were sent to the login page before; the 404 page
# offers the login link whether the document exists or not). Only issued documents are live.
#                           anon tv   tvct tvk  st   ld   vt   gq   nn   qt
READ = {
    ("public", "issued"):     "R    R    R    R    R    R    R    R    R    R",
    ("internal", "issued"):   "-    R    R    -    R    R    R    -    R    R",
    ("restricted", "issued"): "-    -    -    -    -    -    R    R    R    R",
}
NOT_LIVE = "-    -    -    -    -    -    -    -    -    -"

# ADMIN — Wagtail admin. E opens the editor (and the revisions); V views revisions but editing is refused
# with a message (issued and recalled documents are never edited); "-" refused.
#                           anon tv   tvct tvk  st   ld   vt   gq   nn   qt
UNISSUED_ADMIN =            "-    -    -    -    E    E    E    -    -    E"
ADMIN = {
    ("public", "issued"):     "-    -    -    -    V    V    V    -    -    V",
    ("internal", "issued"):   "-    -    -    -    V    V    V    -    -    V",
    ("restricted", "issued"): "-    -    -    -    -    -    V    -    -    V",
    ("public", "recalled"):   "-    -    -    -    V    V    V    -    -    V",
    ("internal", "recalled"): "-    -    -    -    V    V    V    -    -    V",
    ("restricted", "recalled"): "-  -    -    -    V    V    V    -    -    V",
}

# Channels. Per document: the page itself, Wagtail API v2 detail, the attachment download, the admin editor,
# a revision view in the admin. Listings (is the document or its file listed?): API v2 pages with child_of
# and fields, API v2 pages with ?search=, API v2 documents (files), sitemap, RSS feed, the search API
# (/api/search/). "principals": the search filter's principals for the person (none for superusers, who are
# not filtered) meet documents.permissions' principals of the document.
# Admin reading (issue 14): the explorer of the document (`/admin/pages/<id>/`, whose header shows it), the admin
# pages API detail, and its listings with child_of and search, answer what the person may read in any state,
# to those who work in the admin at all; so do the admin's search boxes (issue 10: /admin/pages/search/ and the
# page chooser's search, which ask the project's search and the folded lookup).
PAGE_CHANNELS = ("page", "api_detail", "file", "admin_edit", "admin_revision", "admin_explore", "admin_api_detail")
LISTING_CHANNELS = ("api_listing", "api_search", "api_documents", "sitemap", "feed", "search_api",
                    "admin_api_listing", "admin_api_search", "admin_page_search", "admin_chooser_search")
CHANNELS = PAGE_CHANNELS + LISTING_CHANNELS + ("principals",)


def _cell(row: str, person: str) -> str:
    return row.split()[PEOPLE.index(person)]


def read_cell(person: str, visibility: str, state: str) -> str:
    return _cell(READ.get((visibility, state), NOT_LIVE), person)


def admin_cell(person: str, visibility: str, state: str) -> str:
    return _cell(ADMIN.get((visibility, state), UNISSUED_ADMIN), person)


def reads_in_any_state(person: str, visibility: str, state: str) -> bool:
    """Reads it (live) or handles it in the admin: the rule of files and of the search principals."""
    return read_cell(person, visibility, state) == "R" or admin_cell(person, visibility, state) != "-"


def works_in_admin(person: str) -> bool:
    return _cell(UNISSUED_ADMIN, person) != "-"


def expected(person: str, channel: str, visibility: str, state: str) -> str:
    read = read_cell(person, visibility, state)
    admin = admin_cell(person, visibility, state)
    if channel == "page":
        # A recalled document's address tells whoever could read it while issued that it was recalled (410).
        if state == "recalled" and read_cell(person, visibility, "issued") == "R":
            return "recalled"
        return {"R": "ok", "-": "hidden"}[read]
    if channel == "api_detail":
        return "ok" if read == "R" else "hidden"
    if channel == "file":
        return "ok" if reads_in_any_state(person, visibility, state) else "hidden"
    if channel in ("api_listing", "api_search", "search_api"):
        return "listed" if read == "R" else "absent"
    if channel == "api_documents":
        return "listed" if reads_in_any_state(person, visibility, state) else "absent"
    if channel in ("sitemap", "feed"):  # the same for everyone: what an anonymous reader may see
        return "listed" if read_cell("anonymous", visibility, state) == "R" else "absent"
    if channel == "admin_edit":
        return "ok" if admin == "E" else "refused"
    if channel == "admin_revision":
        return "ok" if admin in ("E", "V") else "refused"
    if channel in ("admin_explore", "admin_api_detail"):
        return "ok" if works_in_admin(person) and reads_in_any_state(person, visibility, state) else "refused"
    if channel in ("admin_api_listing", "admin_api_search", "admin_page_search", "admin_chooser_search"):
        return "listed" if works_in_admin(person) and reads_in_any_state(person, visibility, state) else "absent"
    if channel == "principals":
        return "match" if person == "quantri" or reads_in_any_state(person, visibility, state) else "no"
    raise ValueError(channel)


def cases(channels=CHANNELS):
    """Every (person, channel, visibility, state) of the matrix."""
    return [(p, c, v, s) for c in channels for p in PEOPLE for v in VISIBILITIES for s in STATES]
