"""Field weights and issuers named by name (issue 15), one contract for every backend: a word in the căn cứ ranks
above the same word in the body, above one only in an attachment; a query naming an issuer puts its
documents first."""
from __future__ import annotations

import pytest

from tests.test_search_contract import doc, q

FILLER = "Nội dung chung của văn bản về công tác của cơ quan trong năm."


class WeightsContract:
    def test_bases_above_body_above_attachments(self, backend):
        # All else equal: the same trích yếu and the same texts, the searched word in one field each.
        in_attachment = doc("Thông báo", body=FILLER, bases=FILLER, attachments=f"{FILLER} Phụ lục giám sát.")
        in_body = doc("Thông báo", body=f"{FILLER} Phụ lục giám sát.", bases=FILLER, attachments=FILLER)
        in_bases = doc("Thông báo", body=FILLER, bases=f"{FILLER} Phụ lục giám sát.", attachments=FILLER)
        backend.index([in_attachment, in_body, in_bases])
        expected = [in_bases["id"], in_body["id"], in_attachment["id"]]
        assert backend.search(q("giam sat")).ids == expected
        assert backend.search(q("giám sát")).ids == expected

    def test_an_issuer_named_by_name_ranks_its_documents_first(self, backend):
        # The other issuer's document is the better text match (trích yếu); the named issuer's still comes first.
        other = doc("Kế hoạch kiểm tra của đảng ủy phường", issuer_id=2, issuer_name="ỦY BAN NHÂN DÂN PHƯỜNG")
        named = doc("Kế hoạch kiểm tra", issuer_id=3, issuer_name="ĐẢNG ỦY PHƯỜNG LA GI")
        backend.index([other, named])
        assert backend.search(q("dang uy phuong ke hoach kiem tra")).ids[0] == other["id"]
        assert backend.search(q("dang uy phuong ke hoach kiem tra", named_issuers=[3])).ids == [named["id"], other["id"]]
        assert backend.search(q("đảng ủy phường kiểm tra", named_issuers=[3])).ids[0] == named["id"]


class TestEmbeddedWeights(WeightsContract):
    @pytest.fixture
    def backend(self, embedded_backend):
        return embedded_backend


@pytest.mark.elasticsearch
class TestElasticsearchWeights(WeightsContract):
    @pytest.fixture
    def backend(self, elasticsearch_backend):
        return elasticsearch_backend
