"""Bounded input (issue 14, items 6 and 7): .docx bombs refused before they inflate, DTDs refused, long text
cut with a note instead of silently."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from documents.importing import reader
from documents.importing.attachments import file_text
from documents.importing.reader import ReadError, read_bytes


def _docx(paragraph: str = "Điều 1. Phạm vi") -> bytes:
    document = docx.Document()
    document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def test_a_docx_bomb_is_refused_before_it_is_inflated(settings, monkeypatch):
    settings.DOCUMENT_MAX_INFLATED_BYTES = 4 * 1024 * 1024
    bomb = _rezip(_docx(), add={"word/media/image1.png": b"\0" * (8 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024  # small on disk
    opened = []
    monkeypatch.setattr(reader, "_docx_body", lambda *a, **k: opened.append(1))
    for read in (lambda: read_bytes(bomb, "bom.docx"), lambda: file_text("bom.docx", bomb)):
        with pytest.raises(ReadError, match="zip bomb"):
            read()
    assert opened == []  # its XML was never parsed


def test_a_docx_under_the_cap_still_reads(settings):
    settings.DOCUMENT_MAX_INFLATED_BYTES = 4 * 1024 * 1024
    assert "Điều 1. Phạm vi" in read_bytes(_docx(), "ok.docx").text


def test_a_docx_is_read_from_the_part_its_relationships_name():
    """Only the main document part is parsed, found as Word finds it: through _rels/.rels, whatever its name."""
    data = _docx("Điều 2. Đối tượng")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {name: archive.read(name) for name in archive.namelist()}
    renamed = {("word/chinh.xml" if name == "word/document.xml" else name): content
               for name, content in names.items()}
    for name in ("_rels/.rels", "[Content_Types].xml"):
        renamed[name] = renamed[name].replace(b"word/document.xml", b"word/chinh.xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in renamed.items():
            target.writestr(name, content)
    assert "Điều 2. Đối tượng" in read_bytes(out.getvalue(), "doi-ten.docx").text
    assert docx.Document(io.BytesIO(out.getvalue())).paragraphs[-1].text == "Điều 2. Đối tượng"  # Word's view too


def test_a_docx_without_a_main_part_is_refused_with_a_reason():
    data = _rezip(_docx(), replace={"_rels/.rels": b'<?xml version="1.0"?><Relationships '
                                                   b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'})
    with pytest.raises(ReadError, match="Không đọc được tệp .docx"):
        read_bytes(data, "hong.docx")


def test_a_docx_declaring_entities_is_refused_not_silently_cut():
    data = _docx("trước &x; sau")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    head, body = xml.split(b"?>", 1)
    body = body.replace("trước &amp;x; sau".encode(), "trước &x; sau".encode())
    crafted = head + '?><!DOCTYPE w:document [<!ENTITY x "giữa">]>'.encode() + body
    with pytest.raises(ReadError, match="DOCTYPE"):
        read_bytes(_rezip(data, replace={"word/document.xml": crafted}), "thucthe.docx")


def test_text_past_the_cap_is_cut_with_a_note(settings):
    settings.DOCUMENT_MAX_TEXT_CHARS = 1000
    text = ("Điều 1. Nội dung dài. " * 200).encode()
    read = read_bytes(text, "dai.txt")
    assert len(read.text) == 1000 and read.truncated_chars == len(text.decode()) - 1000
    assert any("đã bỏ" in note and "1,000" in note for note in read.notes)


def test_long_attachment_text_is_reported(settings, caplog):
    settings.DOCUMENT_MAX_TEXT_CHARS = 1000
    file_text("phuluc.txt", ("Phụ lục dài. " * 500).encode())
    assert "bỏ" in caplog.text and "phuluc.txt" in caplog.text
