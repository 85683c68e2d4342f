#!/usr/bin/env bash
# Validates manifest.xml offline: against the Office add-in manifest XSDs in
# ../shared/schemas/office-addin-manifest/ with xmllint (no network), then checks that every
# file the manifest points at on the dev server (https://localhost:3000/...) is shipped:
# assets/* must exist in assets/, pages must have their source in src/.
# Usage: bash scripts/validate-manifest.sh [manifest.xml]
set -euo pipefail
cd "$(dirname "$0")/.."

MANIFEST="${1:-manifest.xml}"
SCHEMA_DIR="../shared/schemas/office-addin-manifest"
SCHEMA="$SCHEMA_DIR/OfficeAppManifestV1_1.xsd"

if ! command -v xmllint >/dev/null 2>&1; then
  echo "validate: xmllint is missing. Install it with: apt-get install -y libxml2-utils" >&2
  exit 2
fi
if [ ! -f "$SCHEMA" ]; then
  echo "validate: schema not found at $SCHEMA (expected the shared folder next to the project)" >&2
  exit 2
fi
if [ ! -f "$MANIFEST" ]; then
  echo "validate: $MANIFEST not found" >&2
  exit 2
fi

xmllint --nonet --noout --schema "$SCHEMA" "$MANIFEST"

# Pages built by webpack (see webpack.config.js) and their sources.
declare -A PAGE_SOURCE=(
  [taskpane.html]="src/taskpane/taskpane.html"
  [commands.html]="src/commands/commands.html"
  [dialog.html]="src/commands/dialog.html"
  [support.html]="src/taskpane/support.html"
)

missing=0
checked=0
while IFS= read -r url; do
  rel="${url#https://localhost:3000/}"
  rel="${rel%%[?#]*}"
  [ -z "$rel" ] && continue
  checked=$((checked + 1))
  case "$rel" in
    assets/*)
      if [ ! -f "$rel" ]; then
        echo "validate: $MANIFEST references $url but $rel does not exist" >&2
        missing=$((missing + 1))
      fi
      ;;
    *)
      src="${PAGE_SOURCE[$rel]:-}"
      if [ -z "$src" ] || [ ! -f "$src" ]; then
        echo "validate: $MANIFEST references $url but no page source ships it (${src:-not a known page})" >&2
        missing=$((missing + 1))
      fi
      ;;
  esac
done < <(grep -o 'https://localhost:3000/[^"]*' "$MANIFEST" | sort -u)

if [ "$missing" -ne 0 ]; then
  echo "validate: $missing referenced file(s) missing" >&2
  exit 1
fi
echo "validate: $checked referenced files present"
