#!/usr/bin/env bash
# Installs what the test suite calls besides Java: dicom3tools' dciodvfy, the DICOM IOD
# validator the tests run on every SEG, RT Structure Set and CT file we write; DCMTK's dcmdjpeg,
# dcmcjpls and dcmdjpls, the independent coders the tests compare Atrous's 12-bit JPEG and JPEG-LS
# decoders with, and storescp, the Storage SCP the tests send results to; and Xvfb with a
# font, the X server under which the tests run a real ImageJ (its -batch mode still builds AWT
# menus, and the GUI test opens ImageJ's windows and dialogs).
set -euo pipefail
missing=()
command -v dciodvfy >/dev/null 2>&1 || missing+=(dicom3tools)
command -v dcmdjpeg >/dev/null 2>&1 || missing+=(dcmtk)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "atrous: installing Debian packages ${missing[*]} (for the tests)" >&2
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq >&2 || true
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
command -v dciodvfy >/dev/null 2>&1 || { echo "atrous: dciodvfy still missing after installing dicom3tools" >&2; exit 1; }
command -v Xvfb >/dev/null 2>&1 || { echo "atrous: Xvfb still missing after installing xvfb" >&2; exit 1; }
command -v dcmdjpeg >/dev/null 2>&1 || { echo "atrous: dcmdjpeg still missing after installing dcmtk" >&2; exit 1; }
