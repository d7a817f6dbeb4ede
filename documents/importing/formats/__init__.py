"""Readers of the formats offices hold besides text and .docx (issue 12): PDF with a text layer (pdf.py), scans
through Tesseract OCR (ocr.py), Word 97-2003 .doc and OpenDocument .odt through LibreOffice (office.py).

Each gives NFC-ready text for documents.importing.reader, which picks the format; columns.py puts the two-column
header of a laid-out page back in reading order. External programs run with a timeout, without a shell.
"""
