"""Import of official documents from text and .docx files (issue 2, item 5).

reader (bytes → NFC text) → parser (text → ParsedDocument, no database) → builder (→ DocumentPage).
service.import_path / import_bytes run the three for one file inside one transaction.
"""
