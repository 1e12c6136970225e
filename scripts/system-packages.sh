#!/usr/bin/env bash
# Debian packages tactful needs beyond the venv. A fresh machine (CI, a new
# developer) has none of them, so the project installs them itself; when all
# are present this only asks dpkg, so it is cheap to call before every run.
#
#   scripts/system-packages.sh run    what the app uses: spelling, fonts, the PDF converter
#   scripts/system-packages.sh test   + what the test suite drives
set -euo pipefail

# libenchant-2-2: the C spelling library (with its hunspell provider) under pyenchant;
# hunspell-en-gb: British spellings, and English loanwords in the other languages.
# fonts-crosextra-carlito, fonts-liberation2: the letters' fonts (Carlito is metric-compatible
# with Calibri, Liberation Mono with Courier New), so a PDF lays out and embeds them as Word does.
# libreoffice-writer-nogui: the approved letter as PDF/A, the durable medium that is sent.
# fonts-lato: the lira sign ₺, which Carlito lacks, in Lato, the design Carlito comes from
# (workflow/documents/pdf.py names it Carlito's fallback); fonts-dejavu-core: the last resort
# for any other character no font of the letter has.
run_packages=(libenchant-2-2 hunspell-en-us hunspell-en-gb hunspell-es hunspell-bg hunspell-tr
              fonts-crosextra-carlito fonts-liberation2 libreoffice-writer-nogui fonts-lato fonts-dejavu-core)
# chromium: Playwright drives Debian's build, its own download is unreachable.
# poppler-utils: PDFs read back (pages, fonts, text, screenshots).
# postgresql: server binaries for a throwaway test cluster (tests/infra/pgserver.py).
# sqlite3: the CLI is the floor a benchmark compares against.
# curl, jq: the README's worked example of the API, which tests/test_readme_example.py runs.
test_packages=("${run_packages[@]}" chromium poppler-utils postgresql sqlite3 curl jq)

case "${1:-}" in
    run) wanted=("${run_packages[@]}") ;;
    test) wanted=("${test_packages[@]}") ;;
    *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

missing=()
for package in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [[ $status == installed ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages; as root run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another checkout running this at the same moment holds the dpkg lock: wait for it.
apt_options=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
apt-get "${apt_options[@]}" update -qq
apt-get "${apt_options[@]}" install -y -qq --no-install-recommends "${missing[@]}"
