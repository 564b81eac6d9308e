#!/usr/bin/env bash
# Installs PixelMed (Debian's libpixelmed-java and libpixelmed-imageio-java) into the local
# Maven repository under fixed coordinates, so the pom depends on it like any artifact.
# dcm4che is not on Maven Central; PixelMed from Debian is the DICOM toolkit we can have.
set -euo pipefail
PIX_VERSION=20220618
PIXIO_VERSION=20200328
M2=${MAVEN_REPO:-$HOME/.m2/repository}
have() { [ -f "$M2/com/pixelmed/$1/$2/$1-$2.jar" ]; }
if have pixelmed $PIX_VERSION && have pixelmed-imageio $PIXIO_VERSION; then exit 0; fi

jar=/usr/share/java/pixelmed-$PIX_VERSION.jar
iojar=/usr/share/java/pixelmed_imageio-$PIXIO_VERSION.jar
if [ ! -f "$jar" ] || [ ! -f "$iojar" ]; then
  pkgs="libpixelmed-java libpixelmed-imageio-java"
  echo "atrous: installing Debian packages $pkgs (PixelMed DICOM toolkit)" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $pkgs >&2
fi
for f in "$jar" "$iojar"; do
  [ -f "$f" ] || { echo "atrous: $f not found after installing PixelMed; check the Debian version" >&2; exit 1; }
done
echo "atrous: installing PixelMed $PIX_VERSION into the local Maven repository" >&2
mvn -q -B install:install-file -Dfile="$jar" -DgroupId=com.pixelmed -DartifactId=pixelmed \
  -Dversion=$PIX_VERSION -Dpackaging=jar -DgeneratePom=true >&2
mvn -q -B install:install-file -Dfile="$iojar" -DgroupId=com.pixelmed -DartifactId=pixelmed-imageio \
  -Dversion=$PIXIO_VERSION -Dpackaging=jar -DgeneratePom=true >&2
