#!/usr/bin/env bash
# Writes what karne computes from the reference dataset into DIR, so that two trees can be
# compared byte for byte (a refactoring must leave every file the same):
#   tools/snapshot.sh /tmp/before; (change the code); tools/snapshot.sh /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
set -euo pipefail
out="$(realpath -m "${1:?usage: tools/snapshot.sh DIR}")"
cd "$(dirname "$0")/.."
karne="${KARNE:-$PWD/.venv/bin/karne}"  # another tree: KARNE=/path/.venv/bin/karne PYTHONPATH=src:.
ref="$PWD/src/karne/data/goc-idaresi-2023"
rm -rf "$out" && mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export KARNE_DATA_DIR="$work" KARNE_DB_PATH="$work/snapshot.sqlite3"
"$karne" load "$ref" > "$out/load.txt"
"$karne" evaluate --year 2023 --json > "$out/evaluate-2023.json"
"$karne" evaluate --year 2023 > "$out/evaluate-2023.txt"
"$karne" audit "$ref" --format json > "$out/audit-folder.json" || true
"$karne" audit --format json > "$out/audit-database.json" || true
"$karne" audit --format html > "$out/audit.html" || true
"$karne" audit --format text > "$out/audit.txt" || true
"$karne" export "$work/export" > /dev/null
cp -r "$work/export" "$out/export"
for kind in performans-programi faaliyet-raporu; do
  "$karne" report "$kind" --year 2023 --out "$out/reports" 2> /dev/null > /dev/null
done
# The chart cache is named by a hash of each chart's description (an implementation detail):
# the charts themselves are inside the documents compared below.
rm -rf "$out/reports/.chart-cache"
# DOCX and XLSX are zip files stamped with the time they were written: compare their members,
# with the creation and modification times of docProps/core.xml blanked.
for office in "$out"/reports/*.docx "$out"/reports/*.xlsx; do
  mkdir "$office.members" && ( cd "$office.members" && unzip -q "$office" )
  sed -i -E 's#(<dcterms:(created|modified)[^>]*>)[^<]*#\1#g' "$office.members/docProps/core.xml"
  rm "$office"
done
( cd "$out" && find . -type f | sort | xargs sha256sum ) > "$work/sums"
mv "$work/sums" "$out/SHA256SUMS"
echo "$out: $(wc -l < "$out/SHA256SUMS") files"
