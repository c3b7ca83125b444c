#!/usr/bin/env bash
# Installs the Debian packages that Chinese reports and their tests need, when they are missing:
# a CJK font, HarfBuzz's subsetter (without it WeasyPrint falls back to a font subsetter
# 20-30x slower on CJK fonts), Pango for WeasyPrint's layout, Cairo for drawing the charts of DOCX
# reports as pictures (CairoSVG), poppler-utils for
# looking at reports as pictures (pdftoppm), LibreOffice's Writer and Calc without a
# display, which the tests use to open the DOCX and XLSX briefings as an office suite would, and
# Chromium with its WebDriver, which the dashboard's browser tests drive headless (Selenium).
set -euo pipefail
packages=(
  fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 libcairo2 poppler-utils
  libreoffice-writer-nogui libreoffice-calc-nogui chromium chromium-driver
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "error: need root to install ${missing[*]}; run: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
