#!/usr/bin/env bash
# Debian packages for the official output (issue 11): WeasyPrint's Pango/HarfBuzz, the Times New Roman-metric
# font with complete Vietnamese (Liberation Serif 2.x), poppler-utils (pdftoppm/pdftotext).
# And for importing past documents (issue 12, documents/importing/formats/): poppler-utils reads a PDF's text
# layer and rasterises scanned pages, Tesseract with its Vietnamese data reads scans (tesseract-ocr,
# tesseract-ocr-vie), LibreOffice Writer converts .doc and .odt (it also converts the DOCX in a test).
# Idempotent: runs apt-get only when something is missing. `--warn` (make run) only warns when not root;
# `--tests` (install-system-deps.sh) adds Maven and a JDK (veraPDF, deploy/verapdf.sh).
set -euo pipefail

missing=()
[ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ] || missing+=(fonts-liberation2)
compgen -G "/usr/lib/*/libpango-1.0.so.0" >/dev/null || missing+=(libpango-1.0-0)
compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null || missing+=(libpangoft2-1.0-0)
compgen -G "/usr/lib/*/libharfbuzz-subset.so.0" >/dev/null || missing+=(libharfbuzz-subset0)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
compgen -G "/usr/share/tesseract-ocr/*/tessdata/vie.traineddata" >/dev/null || missing+=(tesseract-ocr-vie)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
if [[ " $* " == *" --tests "* ]]; then
    # veraPDF (deploy/verapdf.sh) checks PDF/A: Maven fetches it, a JDK compiles its small driver.
    command -v mvn >/dev/null || missing+=(maven)
    command -v javac >/dev/null || missing+=(default-jdk-headless)
fi

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-output-deps: missing packages: ${missing[*]}; run this script as root (PDF output and import need them)" >&2
    [[ " $* " == *" --warn "* ]] && exit 0
    exit 1
fi
echo "install-output-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
