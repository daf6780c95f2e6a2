#!/usr/bin/env bash
# Debian packages the tests use: Chromium (browser tests), LibreOffice Writer (DOCX conversion),
# gettext (translations), poppler-utils (PDF text). Installed when missing and we may (root + apt).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v msgfmt >/dev/null || need+=(gettext)
command -v pdftotext >/dev/null || need+=(poppler-utils)
((${#need[@]})) || exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installerer ${need[*]} ..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "Mangler ${need[*]}: installér dem (fx sudo apt-get install ${need[*]}), ellers fejler browser- og dokumenttestene." >&2
fi
