"""The PostgreSQL embedded index's tsvector literals (search/backends/embedded/postgresql.py), built in Python from
the folded tokens: the lead's positions and weights per group and PostgreSQL's limits; the folded and exact
vectors' distinct words and shingles for phrases; quoting."""
from __future__ import annotations

from search.backends.embedded.postgresql import _tsvector, _word_set


def lexemes(vector: str) -> dict[str, str]:
    """{"'a'": "1A,3A", "'a_b'": ""} from a literal (order does not matter to PostgreSQL)."""
    out = {}
    for item in vector.split(" "):
        token, colon, positions = item.rpartition("':")
        if colon:
            out[token + "'"] = positions
        else:  # a shingle: no positions
            out[item] = ""
    return out


def test_positions_and_weights_per_group_with_a_gap_between_groups():
    vector = _tsvector([("a b a", "A"), ("b c", "C")])
    # The second group starts 20 positions after the first ends: no phrase across groups.
    assert lexemes(vector) == {"'a'": "1A,3A", "'b'": "2A,24C", "'c'": "25C"}


def test_a_word_over_60_characters_is_no_lexeme_but_keeps_its_place():
    assert lexemes(_tsvector([("a " + "x" * 61 + " b", "")])) == {"'a'": "1", "'b'": "3"}
    # No shingle spans the long word.
    assert lexemes(_word_set("a " + "x" * 61 + " b c", shingles=True)) == {"'a'": "", "'b'": "", "'c'": "", "'b_c'": ""}


def test_at_most_256_positions_each_at_most_16383():
    vector = lexemes(_tsvector([("a " * 300, ""), ("y " * 16400 + "z a", "B")]))
    assert vector["'a'"].split(",") == [str(i) for i in range(1, 257)]  # none from the second group
    assert vector["'z'"] == "16383B"  # position 16721


def test_distinct_words_and_shingles_of_two_and_three_neighbouring_words():
    vector = _word_set("ban chi dao chi", shingles=True)
    assert sorted(vector.split(" ")) == sorted(["'ban'", "'chi'", "'dao'", "'ban_chi'", "'chi_dao'", "'dao_chi'",
                                                "'ban_chi_dao'", "'chi_dao_chi'"])
    assert _word_set("ban chi dao chi") == "'ban' 'chi' 'dao'"
    assert _word_set("") == _word_set("   ") == ""


def test_quotes_and_backslashes_are_escaped():
    assert lexemes(_tsvector([("it's a\\b", "")])) == {"'it''s'": "1", "'a\\\\b'": "2"}
    assert _word_set("it's a\\b") == "'it''s' 'a\\\\b'"
