#!/usr/bin/env bash
# Builds FAISS's flat index the way FAISS's own AVX2 build does, into a cache outside git:
# Debian's faiss source package (apt-get source faiss), cmake FAISS_OPT_LEVEL=avx2 (the faiss_avx2
# target compiles with -mavx2 -mfma -mf16c -mpopcnt), -O3, OpenBLAS, no GPU/Python/tests; then the
# C++ harness bench/matcher.d/faiss_flat.cpp linked against it.
#
#   bench/matcher.d/build-faiss.sh [cache-dir]     default ~/.cache/selene/faiss-avx2
# Idempotent: does nothing when the library and the harness are up to date.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${1:-${HOME}/.cache/selene/faiss-avx2}"
mkdir -p "$cache"
lib="$cache/build/faiss/libfaiss_avx2.a"

need_pkgs=()
for p in libopenblas-dev liblapack-dev cmake g++ dpkg-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need_pkgs+=("$p")
done
if ((${#need_pkgs[@]})); then
  echo "build-faiss: installing ${need_pkgs[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need_pkgs[@]}" >&2
fi

if [[ ! -f "$lib" ]]; then
  src="$(ls -d "$cache"/src/faiss-*/ 2>/dev/null | head -1 || true)"
  if [[ -z "$src" ]]; then
    # apt-get source needs a deb-src line for this Debian release.
    if ! apt-cache showsrc faiss >/dev/null 2>&1 || [[ -z "$(apt-cache showsrc faiss 2>/dev/null)" ]]; then
      codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
      printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$codename" > /etc/apt/sources.list.d/debian-src.sources
      apt-get update -q >&2
    fi
    mkdir -p "$cache/src"
    (cd "$cache/src" && apt-get source -q faiss >&2)
    src="$(ls -d "$cache"/src/faiss-*/ | head -1)"
  fi
  echo "build-faiss: building faiss_avx2 from $src (one-off, several minutes on 2 cores)" >&2
  cmake -S "$src" -B "$cache/build" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-O3 -DNDEBUG" -DCMAKE_CXX_FLAGS="-mavx2 -mfma -mf16c" \
    -DFAISS_OPT_LEVEL=avx2 -DFAISS_ENABLE_GPU=OFF -DFAISS_ENABLE_PYTHON=OFF -DFAISS_ENABLE_C_API=OFF \
    -DBUILD_TESTING=OFF -DBUILD_SHARED_LIBS=OFF -DBLA_VENDOR=OpenBLAS >&2
  cmake --build "$cache/build" --target faiss_avx2 -j "$(nproc)" >&2
fi

harness="$cache/faiss_flat"
if [[ ! -x "$harness" || "$here/faiss_flat.cpp" -nt "$harness" ]]; then
  src="$(ls -d "$cache"/src/faiss-*/ | head -1)"
  g++ -O3 -mavx2 -mfma -mf16c -std=c++17 -fopenmp -I"$src" -o "$harness" "$here/faiss_flat.cpp" "$lib" \
    -lopenblas -llapack >&2
fi
echo "$harness"
