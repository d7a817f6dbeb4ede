"""Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, then the tones.

Code-point order puts "Chi bộ" before "Các" (á > h); the Vietnamese order puts "Các" first.
"""
from __future__ import annotations

import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: n for n, letter in enumerate(ALPHABET)}
# Tone marks (secondary order): none, huyền, sắc, hỏi, ngã, nặng.
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}


def _letters(text: str) -> tuple[list[tuple[int, str]], list[int]]:
    primary: list[tuple[int, str]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.lower()):
        parts = unicodedata.normalize("NFD", char)
        tone = next((_TONES[m] for m in parts if m in _TONES), 0)
        letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
        primary.append((_RANK[letter], "") if letter in _RANK else (len(ALPHABET) if letter.isalnum() else -1, letter))
        tones.append(tone)
    return primary, tones


def sort_key(text: str) -> tuple:
    """Key for sorted(): letters in Vietnamese order first, tones only to break ties."""
    primary, tones = _letters(text or "")
    return (primary, tones)
