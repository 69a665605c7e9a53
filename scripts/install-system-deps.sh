#!/usr/bin/env bash
# Installs the Debian packages entrakit's tests talk to for real: a Secret Service
# (gnome-keyring on a D-Bus session bus, libsecret headers for keytar's build),
# redis-server, Chromium for the browser sign-in, openssl, and chattr (e2fsprogs: a read-only
# directory as root). Skips what is already there.
set -euo pipefail
packages=(libsecret-1-dev gnome-keyring dbus-daemon dbus-bin libsecret-tools redis-server chromium openssl ca-certificates e2fsprogs)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system deps: all present"
  exit 0
fi
echo "system deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
