#!/usr/bin/env bash
# A firmware simulator for the README: encrypts a JSON payload into an IBS frame (DES-ECB with the
# default key `ibs_key`, CRC-32 over the frame up to `&CRC32=`), posts it to /ibs and prints the
# decrypted answer. Usage: scripts/ibs.sh METHOD 'JSON' [URL]   (needs openssl, xxd, python3)
set -euo pipefail
method="$1"; json="$2"; url="${3:-http://127.0.0.1:5080/ibs}"
key=6962735F6B657900 # hex of "ibs_key" padded to 8 bytes (IBS-PROTOCOL.md §8); Ibs__Key changes it
des() { openssl enc -des-ecb -provider legacy -provider default -K "$key" -nosalt "$@"; }
hex=$(printf '%s' "$json" | des | xxd -p -u | tr -d '\n')
head="IBS&method=${method}&len=${#hex}&param=${hex}"
crc=$(python3 -c 'import sys, zlib; print("%08X" % zlib.crc32(sys.argv[1].encode()))' "$head")
answer=$(curl -s "$url" -H 'content-type: text/plain' --data-binary "${head}&CRC32=${crc}")
param=${answer#*param=}; param=${param%%&CRC32=*}
printf '%s' "$param" | xxd -r -p | des -d; echo
