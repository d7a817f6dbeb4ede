"""Making signing keys: a certification authority and PKCS#12 files for signers and issuers.

Used by the tests (a CA made in the test run) and by the demonstration (var/demo-signing/, named as demo).
Real deployments use keys from a licensed CA, placed in SIGNING_KEYS_DIR by hand.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass
class Authority:
    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate


def _bounded(text: str, limit: int = 64) -> str:
    """X.520 bounds both attributes to 64 (cryptography counts UTF-8 bytes): long body names are cut."""
    while len(text.encode()) > limit:
        text = text[:-1]
    return text.strip()


def _name(common: str, organisation: str) -> x509.Name:
    common, organisation = _bounded(common), _bounded(organisation)
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COMMON_NAME, common),
    ])


def _validity(builder: x509.CertificateBuilder, years: int) -> x509.CertificateBuilder:
    now = datetime.datetime.now(datetime.UTC)
    return builder.not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(
        now + datetime.timedelta(days=365 * years))


def make_authority(common_name: str, organisation: str = "Văn bản (minh họa)") -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name, organisation)
    builder = _validity(x509.CertificateBuilder(), 10).subject_name(name).issuer_name(name).public_key(
        key.public_key()).serial_number(x509.random_serial_number())
    builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True).add_extension(
        x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                      data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                      encipher_only=False, decipher_only=False), critical=True).add_extension(
        x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    return Authority(key, builder.sign(key, hashes.SHA256()))


def make_pkcs12(authority: Authority, common_name: str, organisation: str, path: Path,
                password: str | None = None) -> Path:
    """A signing key and its certificate (with the CA's) as a PKCS#12 file at ``path``."""
    key = ec.generate_private_key(ec.SECP256R1())
    builder = _validity(x509.CertificateBuilder(), 3).subject_name(_name(common_name, organisation)).issuer_name(
        authority.certificate.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
    builder = builder.add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True).add_extension(
        x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                      data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                      encipher_only=False, decipher_only=False), critical=True).add_extension(
        x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False).add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()), critical=False)
    certificate = builder.sign(authority.key, hashes.SHA256())
    encryption = (serialization.BestAvailableEncryption(password.encode()) if password
                  else serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, certificate, [authority.certificate], encryption))
    return path


def write_root(authority: Authority, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(authority.certificate.public_bytes(serialization.Encoding.PEM))
    return path
