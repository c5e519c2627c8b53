#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
#
# Makes the test certificates of tests/sync/data (see README.md). Run once;
# the results are committed. The CA keys are thrown away: to change a
# certificate, run this again and commit all of its outputs.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
days=36500

ca () {  # ca NAME SUBJECT
  openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -keyout "$tmp/$1.key" -out "$1.pem" -days $days -subj "$2" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign"
}

leaf () {  # leaf NAME CA SUBJECT SAN
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -keyout "$1-key.pem" -out "$tmp/$1.csr" -subj "$3"
  printf '%s\n' "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth" "subjectAltName=$4" > "$tmp/$1.ext"
  openssl x509 -req -in "$tmp/$1.csr" -CA "$2.pem" -CAkey "$tmp/$2.key" -CAserial "$tmp/$2.srl" -CAcreateserial \
    -out "$1.pem" -days $days -extfile "$tmp/$1.ext"
}

ca ca "/O=Salonity Kiosk tests/CN=Salonity Kiosk Test CA"
ca other-ca "/O=Salonity Kiosk tests/CN=Salonity Kiosk Other Test CA"
leaf server ca "/O=Salonity Kiosk tests/CN=127.0.0.1" "IP:127.0.0.1,DNS:localhost,IP:::1"
leaf wrong-host ca "/O=Salonity Kiosk tests/CN=kiosk.example.invalid" "DNS:kiosk.example.invalid"
