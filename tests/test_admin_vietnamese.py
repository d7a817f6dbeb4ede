"""Issue 10: the admin speaks Vietnamese. Each role of the demonstration walks the admin pages it uses; any text
shown (and any title, placeholder or aria-label) equal to an English msgid of Wagtail's or Django's catalogues was
rendered untranslated and fails the test. The project catalogue is compiled and up to date."""
from __future__ import annotations

import gettext
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from documents.models import DocumentPage, Issuer
from tests.admin_walk import ANONYMOUS, ROLES, admin_urls, user
from tests.untranslated import english_catalogue, untranslated, visible_texts

# Wording: what the admin says does not depend on the database engine.
pytestmark = pytest.mark.sqlite_pass

LOCALE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES"


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    """The demonstration loaded once for the module, rolled back after it (loading it takes seconds)."""
    from django.test.utils import override_settings

    with django_db_blocker.unblock(), override_settings(DEMO_PASSWORD="demo-test-password"):
        with transaction.atomic():
            call_command("load_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_once, db):
    return None


def _page_html(response) -> str:
    body = response.content.decode()
    if "json" in response.get("Content-Type", ""):  # choosers and dialogs answer {"html": …}
        data = json.loads(body)
        return data.get("html", "") if isinstance(data, dict) else ""
    return body


def _walk(username: str) -> dict[str, list[tuple[str, str]]]:
    client = Client()
    client.force_login(user(username))
    found: dict[str, list[tuple[str, str]]] = {}
    for url in admin_urls(username):
        response = client.get(url, follow=True)
        assert response.status_code == 200, f"{username} {url}: {response.status_code}"
        if english := untranslated(_page_html(response)):
            found[url] = english
    return found


def _report(found: dict) -> str:
    return "\n".join(f"{url}: " + "; ".join(f"{text!r} (msgid {msgid!r})" for text, msgid in items)
                     for url, items in found.items())


def test_the_detector_sees_english_in_text_attributes_and_json():
    html = ('<p>Save draft</p><input placeholder="Search…"><button aria-label="Toggle sidebar"></button>'
            '<p>Trang 1/1</p><p>Page 3 of 7</p><span hidden data-side-panel-toggle-counter>None</span>'
            '<section hidden><p>Show in menus</p></section>'  # a tab panel: hidden until clicked, still checked
            '<script type="application/json">{"label": "Reports", "name": "reports"}</script>')
    assert [text for text, _msgid in untranslated(html)] == [
        "Save draft", "Search…", "Toggle sidebar", "Page 3 of 7", "Show in menus", "Reports"]
    assert "Trang 1/1" in visible_texts(html)
    assert english_catalogue().match("Wagtail") is None  # proper names are allowed
    assert english_catalogue().match("Awaiting Ký duyệt") == "Awaiting"  # an English word before page data
    assert english_catalogue().match("16 Pages") == "%(total)s Pages"  # a piece of a msgid with markup


@pytest.mark.parametrize("username", ROLES)
def test_every_admin_page_of_the_role_is_in_vietnamese(demo, username):
    found = _walk(username)
    assert not found, f"untranslated text for {username}:\n{_report(found)}"


def test_login_and_password_reset_pages_are_in_vietnamese(demo):
    client = Client()
    found = {}
    for url in ANONYMOUS:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        if english := untranslated(_page_html(response)):
            found[url] = english
    assert not found, _report(found)


def test_the_busy_sign_in_button_and_the_shortcuts_dialog_speak_vietnamese(demo):
    login = Client().get("/admin/login/").content.decode()
    assert "Đang đăng nhập…" in login and "Signing in" not in login
    client = Client()
    client.force_login(user("vanthu"))
    dashboard = client.get("/admin/").content.decode()
    assert "Phím tắt đang" in dashboard and "Keyboard shortcuts are currently" not in dashboard


def test_help_offers_no_english_wagtail_guides_and_a_new_document_has_no_autosave(demo):
    """The help menu kept its shortcuts but not Wagtail's English "What's new" and editor guide; a new document's
    form does not autosave (an autosave in flight when "Lưu nháp" was clicked made two documents)."""
    client = Client()
    client.force_login(user("soanthao"))
    dashboard = client.get("/admin/").content.decode()
    assert "Phím tắt" in dashboard
    assert "guide.wagtail.org" not in dashboard and "Wagtail 8" not in dashboard
    folder = Issuer.objects.get(code="ĐU").index_page
    form = client.get(f"/admin/pages/add/documents/quyetdinhpage/{folder.pk}/").content.decode()
    assert 'data-controller="w-init w-unsaved' in form
    assert "w-unsaved w-autosave" not in form and "data-w-autosave-interval-value" not in form


def test_the_admin_404_and_the_history_speak_vietnamese(demo):
    """A clerk's shared link to a screen another role may not open, and a document's history (Wagtail's own
    "Draft saved" entries and "Current draft" tag)."""
    client = Client()
    client.force_login(user("soanthao"))
    missing = client.get("/admin/no-such-screen/")
    html = missing.content.decode()
    assert missing.status_code == 404 and "Không tìm thấy trang này" in html and "Về trang quản trị" in html
    assert "could not be found" not in html and "Go to Wagtail admin" not in html
    client.force_login(user("vanthu"))
    page = DocumentPage.objects.filter(state="draft").first().specific
    page.save_revision(user=user("vanthu"), log_action=True)
    page.save_revision(user=user("vanthu"), log_action=True)  # the first one is now an older version, with its menu
    history_html = client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    history = " ".join(visible_texts(history_html))
    assert "Đã lưu bản nháp" in history and "Bản nháp hiện tại" in history
    assert "Draft saved" not in history and "Current draft" not in history
    # An older revision's menu (shown on opening it): Wagtail's Vietnamese catalogue lacks these two.
    assert "Xem lại phiên bản này" in history_html and "So sánh với bản hiện tại" in history_html
    assert "Review this version" not in history_html and "Compare with current version" not in history_html
    dashboard = " ".join(visible_texts(client.get("/admin/").content.decode()))  # the panel of the user's own edits
    assert "Văn bản bạn sửa gần đây" in dashboard and "Your most recent edits" not in dashboard


def test_office_terms_replace_wagtails_wording(demo):
    client = Client()
    client.force_login(user("soanthao"))
    section = Issuer.objects.get(code="BCĐ").index_page
    editor = client.get(f"/admin/pages/add/documents/quychepage/{section.pk}/").content.decode()
    assert "Lưu nháp" in editor and "Save draft" not in editor
    dashboard = client.get("/admin/").content.decode()
    titles = [" ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split()) for html in (dashboard, editor)]
    assert titles[0] == "Trang tổng quan - Quản trị văn bản"  # the tab names the tool, not Wagtail
    assert titles[1].endswith(" - Quản trị văn bản") and "Wagtail" not in titles[1]
    menu = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', dashboard, re.S).group(1)
    assert json.dumps("Văn bản") in menu and '"Trang"' not in menu  # the explorer holds documents, not "pages"
    for wrong in ("Bản ghi nhớ", "Trang Chủ", "Tài liệu Wagtail", "Thoát"):
        assert wrong not in dashboard
    documents = visible_texts(client.get("/admin/documents/").content.decode())
    assert "Tệp" in documents
    listing = client.get(f"/admin/pages/{section.pk}/").content.decode()  # "View live": where readers read it
    assert "Xem trên trang đọc" in listing and "Xem bản đã xuất bản" not in listing
    # The header's "Live" tag links to the reader page: it says so, not Wagtail's "Đã xuất bản".
    tag = listing[listing.index('class="page-status-tag'):]
    assert "Trên trang đọc" in tag[:tag.index("</a>")] and "Mở trang đọc" in tag[:tag.index("</a>")]


def _new_document(section_pk: int, issuer_pk: int) -> dict:
    return nested_form_data({
        "title": "quy chế thử trình ký", "slug": "quy-che-thu-trinh-ky", "issuer": issuer_pk, "type_code": "QC",
        "place": "La Gi", "preamble": "", "visibility": "internal", "legal_status": "chua_co_hieu_luc",
        "confidentiality": "", "urgency": "", "rule_set": "", "signer_authority": "", "signer_authority_body": "",
        "signer_position": "TRƯỞNG BAN", "signer_name": "Nguyễn Văn Ký", "circulation": "", "typist_code": "",
        "body": streamfield([]), "bases": inline_formset([]), "recipients": inline_formset([]),
        "attachments": inline_formset([]), "relations": inline_formset([]), "action-submit": "1",
    })


def test_messages_and_workflow_mails_are_in_vietnamese(demo, django_capture_on_commit_callbacks):
    section = Issuer.objects.get(code="BCĐ").index_page
    client = Client()
    client.force_login(user("soanthao"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the signers' notice leaves after commit
        response = client.post(f"/admin/pages/add/documents/quychepage/{section.pk}/",
                               _new_document(section.pk, section.issuer_id), follow=True)
    assert response.status_code == 200
    page_html = response.content.decode()
    assert "đã tạo và trình ký “" in page_html.lower()  # the office's word, not Wagtail's "trình duyệt trang"
    assert not untranslated(page_html), untranslated(page_html)
    assert mail.outbox, "submitting sends the reviewers a notification"
    catalogue = english_catalogue()
    for message in mail.outbox:
        lines = [message.subject] + [line for line in message.body.splitlines() if line.strip()]
        english = [line for line in lines if catalogue.match(line)]
        assert not english, f"untranslated mail {message.subject!r}: {english}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_matches_its_source(tmp_path, domain):
    """The .mo is committed (so a fresh checkout and `make run` need no gettext); it must say what the .po says."""
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed to check the catalogue (deploy/install-system-deps.sh installs it)"
    fresh = tmp_path / f"{domain}.mo"
    subprocess.run([msgfmt, "--check-format", "-o", str(fresh), str(LOCALE / f"{domain}.po")], check=True)
    with open(LOCALE / f"{domain}.mo", "rb") as committed, open(fresh, "rb") as compiled:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(compiled)._catalog, (
            f"locale/vi/LC_MESSAGES/{domain}.mo is stale: run `make messages` and commit it")


def test_the_admin_javascript_catalogue_is_vietnamese(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("quantri-js", "qt@example.org", "x"))
    script = client.get("/admin/jsi18n/").content.decode()
    for text in ("Hiện/ẩn thanh bên", "Trình đơn chính"):
        assert json.dumps(text)[1:-1] in script or text in script


def test_the_explorer_counts_its_pages_in_vietnamese(demo):
    """"1-1 of 1 trang": Wagtail fills its English count with our Vietnamese model name, so no msgid matches it."""
    client = Client()
    client.force_login(user("vanthu"))
    section = Issuer.objects.get(code="BCĐ").index_page
    texts = visible_texts(client.get(f"/admin/pages/{section.pk}/").content.decode())
    counts = [text for text in texts if re.fullmatch(r"\d+[-–]\d+ .+ \d+ .+", text)]
    assert counts and all(" of " not in text for text in counts), counts
    # It names what the section holds: "trang" (Wagtail's Page) read as pages of the listing.
    assert all(text.endswith(" văn bản") for text in counts), counts
    root = visible_texts(client.get(f"/admin/pages/{section.get_parent().pk}/").content.decode())
    assert [text for text in root if re.fullmatch(r"\d+[-–]\d+ trong \d+ mục", text)], root
    # The count under the list ("10 trang" beside "Trang 1/1") and the dashboard's summary: Wagtail's Page by name.
    dashboard = visible_texts(client.get("/admin/").content.decode())
    for shown in (texts, root, dashboard):
        assert not [text for text in shown if re.fullmatch(r"\d+ trang", text)], shown
    assert [text for text in texts if re.fullmatch(r"\d+ mục", text)], texts
    assert [text for text in dashboard if re.fullmatch(r"\d+ mục", text)], dashboard


def test_the_admin_search_counts_its_results_in_vietnamese(demo):
    """Wagtail's search view gives its count no model name ("1–1 of 1 None") and its heading is a plural msgid."""
    client = Client()
    client.force_login(user("vanthu"))
    texts = visible_texts(client.get("/admin/pages/search/", {"q": "ke hoach"}).content.decode())
    counts = [text for text in texts if re.fullmatch(r"\d+[-–]\d+ .+ \d+ .+", text)]
    assert counts and all("None" not in text and " of " not in text for text in counts), counts
    assert any(re.fullmatch(r"Tìm thấy \d+ kết quả", text) for text in texts), texts


def test_the_sites_list_names_its_columns_in_vietnamese(demo):
    client = Client()
    client.force_login(user("quantri"))
    texts = visible_texts(client.get("/admin/sites/").content.decode())
    for heading in ("Tên máy chủ", "Cổng", "Tên trang web", "Trang gốc", "Mặc định?"):
        assert heading in texts, texts


def test_the_workflow_reports_count_in_vietnamese(demo):
    """The reports' counts use the model's plural name: "9 Task states" until it was in the catalogue."""
    from django.utils import translation
    from wagtail.models import TaskState

    with translation.override("vi"):
        assert str(TaskState._meta.verbose_name_plural) == "Trạng thái bước quy trình"
    client = Client()
    client.force_login(user("quantri"))
    for url in ("/admin/reports/workflow_tasks/", "/admin/reports/workflow/"):
        html = client.get(url).content.decode()
        assert "Task states" not in html and "Workflow states" not in html, url


def test_the_files_list_with_a_file_in_it_is_in_vietnamese(demo):
    """The demonstration uploads no file of its own: the columns of a list with one must be checked with one."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    client = Client()
    client.force_login(user("quantri"))
    get_document_model().objects.create(title="Danh sách nơi nhận", file=ContentFile(b"x", name="noi-nhan.txt"))
    for url in ("/admin/documents/", "/admin/documents/chooser/"):
        html = _page_html(client.get(url))
        assert "noi-nhan" in html, url
        assert not untranslated(html), (url, untranslated(html))


def test_the_tree_root_is_not_called_root(demo):
    """The admin search lists the home page's parent ("Thư mục cha"): Wagtail's root page, titled "Root"."""
    from wagtail.models import Page

    assert Page.objects.get(depth=1).title == "Gốc"
    client = Client()
    client.force_login(user("vanthu"))
    texts = visible_texts(client.get("/admin/pages/search/", {"q": ""}).content.decode())
    assert "Root" not in texts and "Gốc" in texts
