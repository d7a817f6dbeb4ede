"""Official output of a document: PDF (WeasyPrint), DOCX (python-docx), the stored issued original and its
digital signature (pyHanko). The domain's code; cms/ wires the URLs."""
