#!/bin/sh
# Writes a development CA and a server certificate for localhost / 127.0.0.1 into DIR, unless DIR
# already has them: ca.pem, server.pem, server-key.pem (mode 0600), and ca-truststore.p12 (a
# PKCS#12 trust store for Java, password changeit) when a JDK's keytool is at hand. The CA's own
# key is not kept: it signs this one certificate only. Used by scripts/setup-rabbitmq.sh and
# compose.yaml. Never trust this CA outside development.
set -eu
dir="${1:?usage: make-dev-tls.sh DIR}"
mkdir -p "$dir"
if [ ! -s "$dir/server.pem" ]; then
  command -v openssl >/dev/null || { echo "make-dev-tls: OPENSSL_MISSING: openssl is needed" >&2; exit 1; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -sha256 \
    -subj "/CN=Fiks IO emulator development CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$work/ca-key.pem" -out "$work/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$work/server-key.pem" -out "$work/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\n' \
    >"$work/server.ext"
  openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca-key.pem" \
    -CAcreateserial -days 825 -sha256 -extfile "$work/server.ext" -out "$work/server.pem" 2>/dev/null
  umask 077
  cp "$work/server-key.pem" "$dir/server-key.pem"
  umask 022
  cp "$work/ca.pem" "$work/server.pem" "$dir/"
  chmod 0644 "$dir/ca.pem" "$dir/server.pem"
fi
if [ ! -s "$dir/ca-truststore.p12" ] && command -v keytool >/dev/null; then
  keytool -importcert -noprompt -alias fiks-io-emulator-ca -file "$dir/ca.pem" -storetype PKCS12 \
    -keystore "$dir/ca-truststore.p12" -storepass changeit >/dev/null 2>&1 || true
  [ -s "$dir/ca-truststore.p12" ] && chmod 0644 "$dir/ca-truststore.p12"
fi
exit 0
