#!/usr/bin/env bash
# Install everything councildocs needs on a fresh Debian/Ubuntu machine with Python 3.11+:
# Debian packages (fonts for rebuilding the corpus; poppler-utils for pdftotext, one of the tools the
# text repair benchmark compares; chromium, which the dashboard's browser test drives through
# Playwright; tesseract-ocr and its English data, which OCR pages that have no text layer), then
# .venv at the repository root with the project, its test tools and Dask (the `dask` extra, for
# `dcs ingest --engine dask`). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# tesseract-ocr(-eng): OCR of pages without a text layer (ingest/ocr.py).
# fonts-liberation, fonts-crosextra-carlito and fonts-freefont-ttf: the defect corpus renders
# documents in them too (corpus/build_defects.py FONTS), besides the corpus's own DejaVu.
APT_PACKAGES=(fonts-dejavu-core fonts-liberation fonts-crosextra-carlito fonts-freefont-ttf poppler-utils chromium tesseract-ocr tesseract-ocr-eng)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing Debian packages: ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3 python3.11 python3.12 python3.13; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PYTHON="$candidate"; break
    fi
  done
fi
[ -n "$PYTHON" ] || { echo "councildocs needs Python 3.11 or newer" >&2; exit 1; }

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[dev,dask]"
echo "Installed councildocs into .venv ($(.venv/bin/python --version))" >&2
