#!/usr/bin/env bash
# Regenerates sinkhorn_reference.json with POT (Python Optimal Transport). Installs Debian's python3-pot when it is missing
# (needs root, as on the project's machines). POT is not needed to run the tests: they read the stored JSON.
set -euo pipefail
cd "$(dirname "$0")"
if ! /usr/bin/python3 -c "import ot" 2>/dev/null; then
  apt-get update -qq
  apt-get install -y -qq python3-pot
fi
/usr/bin/python3 make_sinkhorn_reference.py
