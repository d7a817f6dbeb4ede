"""The fast paths used for indexing return exactly what search.vietnamese returns."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from search.bench.corpus import TOPICS, VOCABULARY
from search.textfast import aligned_fold, fold_fast, nfc_fast, tokens_nfc
from search.vietnamese import fold, nfc, tokens

SEED = (Path(__file__).parent / "fixtures" / "quy-che-01-QC-BCD-la-gi-2026.txt").read_text(encoding="utf-8")
SAMPLES = [
    SEED, SEED.upper(), "Uỷ ban hoà giải, khoẻ mạnh, thuỷ lợi, THUỶ, toàn diện, khoá học.", "hòa hoà HOÀ Hoà",
    "Số 01 -QC/BCĐ – “trích yếu” … ÐẠI (eth) İstanbul straße ǅ", "e\u0301 cafe\u0301 hoa\u0300", "",
    "Ngh\u0323i quyết (NFD mix) ", "ﬁ ligature ½ ² Ω σς",
]


def _random_texts(n: int = 200) -> list[str]:
    rng = random.Random(7)
    words = VOCABULARY + TOPICS + ["hoà", "Uỷ", "khoẻ", "thuỷ", "Hoá", "ĐỔI", "quý", "Quỳnh", "xoè", "tuỳ", "quả", "kết quả", "QUÝ", "thuỷ2", "Quỷ", "khuya", "hoàng"]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(1, 40))) for _ in range(n)]


@pytest.mark.parametrize("text", SAMPLES + _random_texts())
def test_fast_paths_equal_the_originals(text):
    assert nfc_fast(text) == nfc(text)
    assert fold_fast(text) == fold(text)
    assert tokens_nfc(nfc(text)) == tokens(text)
    folded = aligned_fold(text)
    assert len(folded) == len(text)
    if len(fold(text)) == len(text):
        assert folded == fold(text)
