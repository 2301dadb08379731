#!/usr/bin/env bash
# Installs OpenBLAS (Debian's pthread build) for SphereFlow's optional native GEMM path. Without it the managed
# blocked kernels run (the tested fallback); `sphereflow bench` prints which path is active.
set -euo pipefail
if ldconfig -p 2>/dev/null | grep -q 'libopenblas\.so\.0'; then echo "OpenBLAS already installed"; exit 0; fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libopenblas0-pthread
ldconfig -p | grep 'libopenblas\.so\.0'
