#!/usr/bin/env bash
# PDF/A validation with veraPDF (Greenfield parser; org.verapdf:validation-model from Maven Central).
# Usage: deploy/verapdf.sh FILE... ; prints "compliant 2b" or the failed rules per file, exits 1 if any fails.
# The first call resolves the jars with `mvn` (kept in ~/.m2) and compiles deploy/verapdf/PdfaCheck.java.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${VERAPDF_DIR:-$here/../var/verapdf}
flavour=${PDFA_FLAVOUR:-2b}
java_bin=${JAVA_HOME:+$JAVA_HOME/bin/}
mkdir -p "$out"
(
    flock 9
    if [ ! -s "$out/cp.txt" ] || [ ! -f "$out/classes/PdfaCheck.class" ] \
        || [ "$here/verapdf/PdfaCheck.java" -nt "$out/classes/PdfaCheck.class" ]; then
        mvn -q -B -f "$here/verapdf/pom.xml" dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >&2
        "${java_bin}javac" -cp "$(cat "$out/cp.txt")" -d "$out/classes" "$here/verapdf/PdfaCheck.java"
    fi
) 9>"$out/.lock"
status=0
for file in "$@"; do
    "${java_bin}java" -cp "$out/classes:$(cat "$out/cp.txt")" PdfaCheck "$file" "$flavour" || status=1
done
exit $status
