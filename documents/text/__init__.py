"""Plain text handling of Vietnamese official documents: pure Python, no Django.

vietnamese (NFC, tone placement, folding, tokens), legacy (TCVN3/VNI), notation (số và ký hiệu).
"""
