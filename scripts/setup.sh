#!/usr/bin/env bash
# Installs everything the README's commands need, idempotently: a second run only checks.
#  - a Rust toolchain that can build wasm32-unknown-unknown (rustup's target when present,
#    otherwise Debian's Rust 1.96 with its std source and rust-lld, used with -Z build-std);
#  - Debian's Chromium and ChromeDriver (browser tests);
#  - the wasm-bindgen CLI at exactly the version pinned in Cargo.lock;
#  - the npm packages of the browser tests, from package-lock.json.
# The Makefile picks the same route (rustup target if installed, else Debian's toolchain).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

# ---- Debian packages -------------------------------------------------------------------
need_pkgs=(chromium chromium-driver)
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  wasm_route=rustup
else
  wasm_route=debian
  need_pkgs+=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22)
fi
missing=()
for p in "${need_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# ---- wasm-bindgen CLI at the pinned version --------------------------------------------
[ -f Cargo.lock ] || cargo generate-lockfile -q
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (a few minutes, once)"
  cargo install -q wasm-bindgen-cli --version "$want"
fi

# ---- npm packages of the browser tests --------------------------------------------------
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
say "ready (wasm route: $wasm_route)"
