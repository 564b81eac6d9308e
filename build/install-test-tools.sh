#!/usr/bin/env bash
# Installs what the test suite calls besides Java: dicom3tools' dciodvfy, the DICOM IOD
# validator the tests run on every SEG, RT Structure Set and CT file we write.
set -euo pipefail
command -v dciodvfy >/dev/null 2>&1 && exit 0
echo "atrous: installing Debian package dicom3tools (dciodvfy, for the tests)" >&2
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq >&2 || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends dicom3tools >&2
command -v dciodvfy >/dev/null 2>&1 || { echo "atrous: dciodvfy still missing after installing dicom3tools" >&2; exit 1; }
