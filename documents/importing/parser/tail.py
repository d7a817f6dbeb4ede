"""Tail: Nơi nhận and the signature blocks (authority, position lines, name; two for a biên bản)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from documents.text.vietnamese import fold

from ..tree import ParsedDocument, RecipientLine, Signature
from .lines import _columns, _join, _Line, _section_match, _starts_lower, is_caps
from .patterns import _ARTICLE, _BULLET, _CHAPTER, _NUMBERED, _SPACES

_AUTHORITY = re.compile(
    r"^(?P<auth>T\s*/\s*M|T\.\s*M\.?|TM\.?|K\s*/\s*T|K\.\s*T\.?|KT\.?|T\s*/\s*L|T\.\s*L\.?|TL\.?|TUQ\.?|Q\.)\s+(?P<body>\S.*)$"
)
_PARTY_AUTHORITY = {"TM": "T/M", "KT": "K/T", "TL": "T/L"}
_STATE_AUTHORITY = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q."}
_PLACEHOLDER = re.compile(r"^[(\[]?\s*(da )?(ky|chu ky)\b[^)\]]*[)\]]?$|^[(\[].*\b(ky|chu ky|dau)\b.*[)\]]$")
_PURPOSE_WORDS = {
    "b/c", "t/h", "p/h", "c/d", "d/b", "bc", "th", "biet", "bao cao", "thuc hien", "phoi hop", "chi dao",
    "theo doi", "chi dao thuc hien", "de b/c", "de t/h",
}
_NAME_WORD = re.compile(r"^[^\W\d_]+$")
_CONNECTORS = {"kiem", "va"}


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or is_caps(text):
        return False
    if not all(_NAME_WORD.match(word) for word in words) or not words[0][0].isupper():
        return False
    return sum(1 for word in words if word[0].isupper()) >= len(words) - 1


def _is_placeholder(text: str) -> bool:
    folded = fold(text).strip()
    return bool(_PLACEHOLDER.match(folded)) and len(folded.split()) <= 8


def _is_connector(text: str) -> bool:
    return fold(text).strip() in _CONNECTORS


def _parse_tail(doc: ParsedDocument, lines: Sequence[_Line], start: int) -> int:
    """Recipients and signatures. Returns the first line of the tail: the body ends before it."""
    recipients_at = next(
        (i for i in range(start, len(lines)) if re.match(r"^noi nhan\b", fold(lines[i].text))), None,
    )
    if recipients_at is None:
        sig_start = _signature_start(lines, start, len(lines))
        doc.signatures = _parse_signatures(lines[sig_start:], doc.system)
        return sig_start

    # "Nơi nhận:" on the left, the signature on the right, flattened onto the same lines.
    if len(_columns(lines[recipients_at].raw)) >= 2:
        left, right_texts = _split_columns(lines[recipients_at:])
        right = _plain_lines(right_texts)
    else:
        left, right = [lines[recipients_at].text], []
        in_list = True
        for index in range(recipients_at + 1, len(lines)):
            line = lines[index]
            if not in_list:
                right.append(line)
            elif not line.text:
                continue
            elif _BULLET.match(line.text) or (_starts_lower(line.text) and lines[index - 1].text):
                left.append(line.text)
            else:
                in_list = False
                right.append(line)
    left[0] = re.sub(r"^\S+\s+\S+\s*:?\s*", "", left[0]).strip()  # drop "Nơi nhận:"
    doc.recipients = _parse_recipients(left)
    signatures = _parse_signatures(right, doc.system)
    if signatures:
        doc.signatures = signatures
        return recipients_at
    sig_start = _signature_start(lines, start, recipients_at)
    doc.signatures = _parse_signatures(lines[sig_start:recipients_at], doc.system)
    return sig_start


def _parse_recipients(items: Sequence[str]) -> list[RecipientLine]:
    merged: list[str] = []
    for item in items:
        if merged and not _BULLET.match(item) and _starts_lower(item):
            merged[-1] = f"{merged[-1]} {item}"
        else:
            merged.append(item)
    return [line for line in map(recipient_line, merged) if line is not None]


def recipient_line(item: str) -> RecipientLine | None:
    """One Nơi nhận entry as printed ("- Thường trực Đảng ủy (b/c);"): name, purpose, archive copy; None if empty."""
    name = _BULLET.sub("", item).strip()
    name = name.rstrip(" ,;.").strip()
    purpose = ""
    match = re.search(r"\(([^()]*)\)\s*$", name)
    if match and _is_purpose(match.group(1)):
        purpose = _SPACES.sub(" ", match.group(1)).strip()
        name = name[: match.start()].rstrip(" ,;.-–").strip()
    if not name:
        return None
    archive = bool(re.match(r"^luu\b", fold(name)))
    return RecipientLine(name=name, purpose=purpose, archive=archive, printed=_SPACES.sub(" ", item).strip())


def _is_purpose(inner: str) -> bool:
    folded = _SPACES.sub(" ", fold(inner)).strip(" .")
    return folded.startswith("de ") or folded in _PURPOSE_WORDS


def _signature_like(text: str) -> bool:
    if not text:
        return True
    if _ARTICLE.match(text) or _CHAPTER.match(text) or _section_match(text) or _NUMBERED.match(text):
        return False
    if _AUTHORITY.match(text) or _is_placeholder(text) or _is_connector(text) or _is_name(text):
        return True
    return is_caps(text) and len(text.split()) <= 12 and not text.endswith((":", ";", ","))


def _signature_start(lines: Sequence[_Line], start: int, end: int) -> int:
    """First line of the signature block that ends the range (scanning back over signature-like lines)."""
    index = end
    found_name = False
    while index > start:
        line = lines[index - 1]
        pieces = _columns(line.raw) or [line.text]
        if not all(_signature_like(piece) for piece in pieces):
            break
        found_name = found_name or any(_is_name(piece) or is_caps(piece) for piece in pieces)
        index -= 1
    while index < end and not lines[index].text:
        index += 1
    return index if found_name else end


def _split_columns(lines: Sequence[_Line]) -> tuple[list[str], list[str]]:
    """Two columns flattened into text lines: a line with two parts gives one to each side; a lone part
    belongs to the right column when it is indented."""
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        parts = _columns(line.raw)
        indent = len(line.raw) - len(line.raw.lstrip())
        if len(parts) >= 2:
            left.append(parts[0])
            right.append(parts[-1])
        elif parts:
            (right if indent >= 8 else left).append(parts[0])
    return left, right


def _plain_lines(texts: Sequence[str]) -> list[_Line]:
    return [_Line(raw=text, text=text, bold_continues=False) for text in texts]


def _parse_signatures(lines: Sequence[_Line], system: str) -> list[Signature]:
    if any(len(_columns(line.raw)) >= 2 for line in lines):  # THƯ KÝ … CHỦ TRÌ side by side
        blocks = list(_split_columns(lines))
    else:
        blocks = [[line.text for line in lines if line.text]]
    signatures: list[Signature] = []
    for block in blocks:
        group: list[str] = []
        for text in block:
            if _is_placeholder(text):
                continue
            group.append(text)
            if not is_caps(text) and not _is_connector(text) and not _AUTHORITY.match(text):
                signatures.append(_signature(group, system))
                group = []
        if group:
            signatures.append(_signature(group, system))
    return [s for s in signatures if s.position or s.name]


def _signature(group: list[str], system: str) -> Signature:
    signature = Signature()
    parts = list(group)
    if parts and (match := _AUTHORITY.match(parts[0])):
        letters = re.sub(r"[^A-Z]", "", match.group("auth").upper())
        slash = "/" in match.group("auth")
        use_party = system == "party" or (not system and slash)
        table = _PARTY_AUTHORITY if use_party and letters in _PARTY_AUTHORITY else _STATE_AUTHORITY
        signature.authority = table.get(letters, match.group("auth"))
        signature.authority_body = match.group("body").strip()
        parts = parts[1:]
    if parts and not is_caps(parts[-1]) and not _is_connector(parts[-1]):
        signature.name = parts.pop()
    signature.position = _join(parts)
    return signature
