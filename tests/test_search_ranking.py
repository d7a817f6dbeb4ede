"""Ranking over realistic collections (issue 15), on every backend: the demonstration documents of
cms/demo/data/ and a generated corpus where every document cites the others. For each document, its kind's
name with its number, and its kind's name with words of its trích yếu (with and without marks), put it first.
"""
from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from documents.text.vietnamese import fold
from search.backends.base import SearchQuery
from tests.test_search_contract import doc

D = datetime.date
# The five kinds with pages of their own, and two general types (VanBanKhacPage, indexed under their type).
KINDS = {"quy_che": "Quy chế", "quyet_dinh": "Quyết định", "ke_hoach": "Kế hoạch", "bao_cao": "Báo cáo",
         "bien_ban": "Biên bản", "van_ban.nghi_quyet": "Nghị quyết", "van_ban.chuong_trinh": "Chương trình"}
CODES = {"quy_che": "QC", "quyet_dinh": "QĐ", "ke_hoach": "KH", "bao_cao": "BC", "bien_ban": "BB",
         "van_ban.nghi_quyet": "NQ", "van_ban.chuong_trinh": "CTr"}
SUBJECTS = [
    "tuyên truyền chuyển đổi số trong nhân dân", "kiểm tra giám sát chi bộ trực thuộc",
    "tiếp công dân và giải quyết khiếu nại", "phòng chống thiên tai mùa mưa bão",
    "phát triển đảng viên trong thanh niên", "cải cách hành chính một cửa",
]


def generated_corpus() -> list[dict]:
    """Seven kinds × six subjects; each body cites two other documents by kind, number and trích yếu."""
    docs = []
    for k, (kind, name) in enumerate(KINDS.items()):
        for n, subject in enumerate(SUBJECTS, start=1):
            cited = [(list(KINDS.values())[(k + 1 + j) % len(KINDS)], SUBJECTS[(n + j) % 6], (n + j) % 6 + 1) for j in (0, 1)]
            body = " ".join(f"Căn cứ {c_name} số {c_number:02d} về {c_subject}; thực hiện {c_name} {c_number:02d}."
                            for c_name, c_subject, c_number in cited)
            notation = f"{n:02d}-{CODES[kind]}/BCĐ"
            docs.append(doc(subject, body * 2, kind=kind, type_name=name.upper(), number=n, notation=notation,
                            notation_key=f"{n}-{fold(CODES[kind])}-bcd", issuer_code="BCĐ",
                            issued_on=D(2026, 1, 1) + datetime.timedelta(days=7 * n + k)))
    return docs


def demo_corpus(settings) -> list[dict]:
    from search.indexing import iter_index_documents

    settings.DEMO_PASSWORD = "matkhau-demo-thu"
    call_command("load_demo", stdout=io.StringIO())
    return list(iter_index_documents())


def queries(entry: dict) -> list[str]:
    """The queries a reader types for this document: kind and number, kind and words of the trích yếu."""
    name = entry["type_name"].capitalize()
    words = " ".join(entry["title"].replace(",", " ").split()[:5])
    typed = [f"{name} {entry['number']:02d}", f"{name} {entry['number']}", f"{name} {words}"]
    return typed + [fold(text) for text in typed]


class RankingContract:
    def assert_first(self, backend, corpus: list[dict]) -> None:
        backend.index(corpus)
        wrong = []
        for entry in corpus:
            if not entry["number"] or entry["kind"] not in KINDS:
                continue
            for text in queries(entry):
                found = backend.search(SearchQuery(text=text, principals=None, page_size=3)).ids
                if not found or found[0] != entry["id"]:
                    wrong.append((text, entry["id"], found))
        assert not wrong

    def test_generated_corpus(self, backend):
        self.assert_first(backend, generated_corpus())

    def test_demo_documents(self, backend, settings):
        corpus = demo_corpus(settings)
        assert {entry["kind"] for entry in corpus} >= {"quy_che", "quyet_dinh", "ke_hoach", "bao_cao"}
        self.assert_first(backend, corpus)
        # A type code typed alone ("QC"), or a kind's name in quotes: documents of that kind first, not those that
        # cite one in their text.
        kinds = {entry["id"]: entry["kind"] for entry in corpus}
        for code, kind in (("QC", "quy_che"), ("qc", "quy_che"), ("KH", "ke_hoach"), ("QĐ", "quyet_dinh"),
                           ("qd", "quyet_dinh"), ("BC", "bao_cao"), ('"quy che"', "quy_che"),
                           ('"quy chế"', "quy_che"), ('"kế hoạch" 02', "ke_hoach")):
            found = backend.search(SearchQuery(text=code, principals=None, page_size=3)).ids
            assert found and kinds[found[0]] == kind, (code, [kinds[i] for i in found])


class SignerContract:
    """A query naming a signer (search.signers) puts the documents he signed above newer ones that only mention
    him (a biên bản he chaired, a report quoting him), with or without marks; without the name resolved, the
    newer mention came first."""

    def test_the_documents_a_signer_signed_come_first(self, backend):
        signed = [doc(f"Kế hoạch số {n} về công tác tuyên truyền", "Nội dung kế hoạch tuyên truyền." * 5,
                      signer="Nguyễn Quốc Nam", issued_on=D(2026, 1, n)) for n in (2, 3)]
        mentions = doc("Biên bản họp do đồng chí Nguyễn Quốc Nam chủ trì", "Chủ trì: Nguyễn Quốc Nam. " * 3,
                       kind="bien_ban", type_name="BIÊN BẢN", signer="Phạm Văn Long", issued_on=D(2026, 3, 1))
        backend.index([*signed, mentions])
        for text in ("nguyen quoc nam", "Nguyễn Quốc Nam"):
            plain = backend.search(SearchQuery(text=text, principals=None)).ids
            assert plain[0] == mentions["id"]  # the words alone: the newer mention, its trích yếu holding them
            named = backend.search(SearchQuery(text=text, principals=None, named_signers=["Nguyễn Quốc Nam"])).ids
            assert named == [signed[1]["id"], signed[0]["id"], mentions["id"]], text


class TestEmbeddedSigners(SignerContract):
    @pytest.fixture
    def backend(self, embedded_backend):
        return embedded_backend


@pytest.mark.elasticsearch
class TestElasticsearchSigners(SignerContract):
    @pytest.fixture
    def backend(self, elasticsearch_backend):
        return elasticsearch_backend


class TestEmbeddedRanking(RankingContract):
    @pytest.fixture
    def backend(self, embedded_backend):
        return embedded_backend


@pytest.mark.elasticsearch
class TestElasticsearchRanking(RankingContract):
    @pytest.fixture
    def backend(self, elasticsearch_backend):
        return elasticsearch_backend


def test_a_superscript_digit_is_a_word_not_a_number():
    """str.isdigit() accepts "²", which int() refuses: the query is read as words, never a server error."""
    from search.query import parse_query
    from search.ranking import query_intent

    intent = query_intent(parse_query("quy chế ² 01"))
    assert 1 in intent.numbers and 2 not in intent.numbers


@pytest.mark.django_db
def test_the_service_resolves_the_signers_a_query_names(django_user_model):
    """Whole names only, words side by side, with or without marks; the cache is emptied when a document is
    issued (search.receivers), so a new signer counts at once."""
    from search.signers import forget_signer_names, signers_named
    from tests.permission_setup import build_world, make_document

    world = build_world()
    forget_signer_names()
    page = make_document(world, "public", "issued")
    name = page.signer_name
    assert name and len(name.split()) >= 2
    words = fold(name).split()
    assert signers_named(words) == [name]
    assert signers_named(["tim", *words, "2026"]) == [name]
    assert signers_named(words[-1:]) == [] and signers_named(list(reversed(words))) == []
    other = make_document(world, "public", "issued")
    other.signer_name = "Trần Thị Hoa"
    other.save(update_fields=["signer_name"])
    from documents.signals import document_changed

    document_changed.send(sender=type(other), page=other, user=None)
    assert signers_named(["tran", "thi", "hoa"]) == ["Trần Thị Hoa"]
