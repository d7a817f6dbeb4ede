"""Demo signing keys: at first start a demo CA and a PKCS#12 key (with a drawn signature or seal) for every signer
and issuer, under SIGNING_KEYS_DIR (settings.dev: var/demo-signing/), so the documents the demo issues come out
signed. Every name says "minh họa" (demo); nothing here is a real certificate. Running it again adds only what is
missing."""
from __future__ import annotations

from pathlib import Path
from typing import TextIO

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings

from documents.models import DocumentPage, Issuer
from documents.output import keys, stamps
from documents.output.signing import key_name

CA_NAME = "CA minh họa Văn bản (demo, không dùng thật)"


def _authority(base: Path) -> keys.Authority:
    key_path, cert_path = base / "ca" / "demo-ca.key.pem", base / "trust" / "demo-ca.pem"
    if key_path.is_file() and cert_path.is_file():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        return keys.Authority(key, x509.load_pem_x509_certificate(cert_path.read_bytes()))
    authority = keys.make_authority(CA_NAME)
    key_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_bytes(authority.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                     serialization.NoEncryption()))
    key_path.chmod(0o600)
    keys.write_root(authority, cert_path)
    return authority


def load_signing_keys(stdout: TextIO) -> None:
    if not getattr(settings, "SIGNING_KEYS_DIR", ""):
        stdout.write("  Chưa đặt SIGNING_KEYS_DIR: văn bản ban hành không ký số.\n")
        return
    base = Path(settings.SIGNING_KEYS_DIR)
    authority = _authority(base)
    made = 0
    for issuer in Issuer.objects.all():
        path = base / "issuers" / f"{issuer.slug}.p12"
        if not path.is_file():
            keys.make_pkcs12(authority, f"{issuer.name} (minh họa)", issuer.name, path)
            stamps.draw_seal(issuer.name, path.with_suffix(".png"))
            made += 1
    names = set(DocumentPage.objects.exclude(signer_name="").values_list("signer_name", flat=True))
    for name in sorted(names):
        path = base / "signers" / f"{key_name(name)}.p12"
        if not path.is_file():
            keys.make_pkcs12(authority, f"{name} (minh họa)", "Văn bản minh họa", path)
            stamps.draw_signature(name, path.with_suffix(".png"))
            made += 1
    stdout.write(f"  Khóa ký số minh họa trong {base}: {made} khóa mới.\n")
