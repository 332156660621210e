# Shared by scripts/*: locations, logging, and installing what is missing.
# Everything fetched or built lands in gitignored folders: .cache/ (sources, apt state),
# build/ (native and wasm builds), node_modules/ (npm dev packages).
set -euo pipefail

HEARTH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HEARTH_CACHE=${HEARTH_CACHE:-$HEARTH_ROOT/.cache}
export NODE_PATH=/usr/share/nodejs:/usr/lib/nodejs${NODE_PATH:+:$NODE_PATH}   # emscripten's node modules (acorn…)
# shellcheck source=../../deps/pins.sh
. "$HEARTH_ROOT/deps/pins.sh"

log() { printf '\033[1m[hearth]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[hearth] error:\033[0m %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
jobs_count() { nproc 2>/dev/null || echo 2; }

# ensure_apt_packages LIST...: the Debian packages named (deps/pins.sh) that are not installed
# yet. node and npm from another source (e.g. NodeSource) are accepted as they are: Debian's
# npm would conflict with them.
ensure_apt_packages() {
  local missing=() p
  for p in "$@"; do
    case $p in
      nodejs) command -v node >/dev/null && continue ;;
      npm) command -v npm >/dev/null && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# Private apt state for Debian *source* packages (deps/apt-sources.list); the system's apt
# configuration is never touched. Release files are still signature-checked, but their
# Valid-Until date is not: mirrors and snapshots inside closed networks serve sid's index long
# after it "expires", and what we take from it is checked against the sha256 pins anyway.
_apt_src() {
  local state=$HEARTH_CACHE/apt
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial"
  apt-get -q -o Acquire::Check-Valid-Until=false -o Acquire::Check-Date=false \
    -o Dir::Etc::SourceList="$HEARTH_ROOT/deps/apt-sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::State::Lists="$state/lists" -o Dir::Cache="$state/cache" -o Debug::NoLocking=1 "$@"
}
_apt_src_updated=0
_apt_src_update() { [ $_apt_src_updated = 1 ] || { _apt_src update >&2; _apt_src_updated=1; }; }

_sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

# fetch_source_package NAME VERSION ORIG ORIG_SHA DEBIAN DEBIAN_SHA DEST
# Downloads NAME=VERSION once into .cache/downloads, checks both tarballs against their pinned
# sha256, unpacks it with Debian's patches applied into DEST. A second call does nothing.
fetch_source_package() {
  local name=$1 version=$2 orig=$3 orig_sha=$4 deb=$5 deb_sha=$6 dest=$7
  local stamp="$dest/.hearth-unpacked-$version" dl=$HEARTH_CACHE/downloads
  [ -f "$stamp" ] && return 0
  mkdir -p "$dl"
  if ! _sha_ok "$dl/$orig" "$orig_sha" || ! _sha_ok "$dl/$deb" "$deb_sha"; then
    log "fetching Debian source package $name=$version"
    _apt_src_update
    if ! (cd "$dl" && _apt_src source --download-only "$name=$version" >&2); then
      local newest
      newest=$(_apt_src showsrc "$name" 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n 1)
      die "cannot download $name=$version (pinned in deps/pins.sh). Newest available: ${newest:-none}. Update the pin and its sha256."
    fi
  fi
  _sha_ok "$dl/$orig" "$orig_sha" || die "$orig: sha256 differs from deps/pins.sh ($(sha256sum "$dl/$orig" | cut -d' ' -f1))"
  _sha_ok "$dl/$deb" "$deb_sha" || die "$deb: sha256 differs from deps/pins.sh ($(sha256sum "$dl/$deb" | cut -d' ' -f1))"
  local tmp; tmp=$(mktemp -d "$HEARTH_CACHE/unpack.XXXXXX")
  # --no-check: the .dsc signature is not verified; both tarballs were checked against our pins above.
  dpkg-source --no-check -x "$dl/${name}_${version#*:}.dsc" "$tmp/src" >/dev/null
  rm -rf "$dest"; mkdir -p "$(dirname "$dest")"; mv "$tmp/src" "$dest"; rm -rf "$tmp"
  touch "$stamp"
  log "unpacked $name $version into ${dest#$HEARTH_ROOT/}"
}

# fetch_orig_tarball NAME VERSION ORIG ORIG_SHA "URL…" DEST
# For a Debian source package of which only the orig tarball can be downloaded (no .dsc):
# fetches ORIG once into .cache/downloads from the first URL that serves it (apt's own
# downloader, which checks the pinned sha256 as it downloads), checks it again, and unpacks it
# with tar into DEST (its top folder stripped). Nothing of Debian's packaging is applied.
# A second call does nothing.
fetch_orig_tarball() {
  local name=$1 version=$2 orig=$3 orig_sha=$4 urls=$5 dest=$6
  local stamp="$dest/.hearth-unpacked-$version" dl=$HEARTH_CACHE/downloads url out
  [ -f "$stamp" ] && return 0
  mkdir -p "$dl"
  if ! _sha_ok "$dl/$orig" "$orig_sha"; then
    log "fetching $orig (Debian source package $name $version, orig tarball only)"
    rm -f "$dl/$orig"
    for url in $urls; do
      out=$(/usr/lib/apt/apt-helper -q download-file "$url" "$dl/$orig" "SHA256:$orig_sha" 2>&1) && break
      log "  not from $url:"; grep -E '^(E|Err)' <<<"$out" | head -n 3 >&2 || true
      rm -f "$dl/$orig" "$dl/$orig.FAILED"
    done
  fi
  _sha_ok "$dl/$orig" "$orig_sha" || die "cannot download $orig with sha256 $orig_sha (pinned in deps/pins.sh) from: $urls"
  local tmp; tmp=$(mktemp -d "$HEARTH_CACHE/unpack.XXXXXX")
  tar -xf "$dl/$orig" -C "$tmp" --strip-components=1 --no-same-owner
  rm -rf "$dest"; mkdir -p "$(dirname "$dest")"; mv "$tmp" "$dest"
  touch "$stamp"
  log "unpacked $name $version into ${dest#$HEARTH_ROOT/}"
}

# The QR code generator is compiled into the core, natively too: every build needs it.
ensure_qrcodegen_source() {
  fetch_orig_tarball "$QRCODEGEN_SOURCE" "$QRCODEGEN_VERSION" "$QRCODEGEN_ORIG" "$QRCODEGEN_ORIG_SHA256" "$QRCODEGEN_URLS" "$HEARTH_CACHE/src/qrcodegen"
}

ensure_sources() {
  fetch_source_package "$IMGUI_SOURCE" "$IMGUI_VERSION" "$IMGUI_ORIG" "$IMGUI_ORIG_SHA256" "$IMGUI_DEBIAN" "$IMGUI_DEBIAN_SHA256" "$HEARTH_CACHE/src/imgui"
  fetch_source_package "$SODIUM_SOURCE" "$SODIUM_VERSION" "$SODIUM_ORIG" "$SODIUM_ORIG_SHA256" "$SODIUM_DEBIAN" "$SODIUM_DEBIAN_SHA256" "$HEARTH_CACHE/src/libsodium"
  ensure_qrcodegen_source
}

# npm dev packages (playwright-core…) exactly as package-lock.json says; again only when the lock changed.
ensure_npm_packages() {
  local marker=$HEARTH_ROOT/node_modules/.hearth-lock.sha256 want
  want=$(sha256sum "$HEARTH_ROOT/package-lock.json" | cut -d' ' -f1)
  [ -f "$marker" ] && [ "$(cat "$marker")" = "$want" ] && return 0
  log "installing npm dev packages (npm ci)"
  (cd "$HEARTH_ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$want" > "$marker"
}

# Compiler cache: a fresh clone (CI) compiles nothing it compiled before. The cache lives outside
# the repository (ccache's own folder, ~/.cache/ccache unless CCACHE_DIR says otherwise); paths
# are taken relative to the clone, and its folder's name is not hashed, so two clones share it.
export CCACHE_BASEDIR=$HEARTH_ROOT CCACHE_NOHASHDIR=1
ccache_flags() {
  command -v ccache >/dev/null && echo "-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
  return 0
}

# build_native [BUILD_TYPE]  /  build_wasm [BUILD_TYPE]: configure once, then build incrementally.
build_native() {
  local dir=$HEARTH_ROOT/build/native
  ensure_qrcodegen_source
  [ -f "$dir/CMakeCache.txt" ] || cmake -S "$HEARTH_ROOT" -B "$dir" $(ccache_flags) -DCMAKE_BUILD_TYPE="${1:-RelWithDebInfo}" -DHEARTH_DEPS_DIR="$HEARTH_CACHE/src" >&2
  cmake --build "$dir" -j"$(jobs_count)" >&2
}
# build_bench_native: what the benchmarks run natively (bench_core, bench_bundle, and the `hearth`
# tool that writes the browser benchmarks' district), optimised as a release, with symbols and
# frame pointers so that `scripts/bench --profile` can tell where the time goes.
build_bench_native() {
  local dir=$HEARTH_ROOT/build/bench-native
  ensure_qrcodegen_source
  [ -f "$dir/CMakeCache.txt" ] || cmake -S "$HEARTH_ROOT" -B "$dir" $(ccache_flags) -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="-g -fno-omit-frame-pointer" -DCMAKE_C_FLAGS="-g -fno-omit-frame-pointer" -DHEARTH_DEPS_DIR="$HEARTH_CACHE/src" >&2
  cmake --build "$dir" -j"$(jobs_count)" --target bench_core bench_bundle hearth >&2
}
# build_release_wasm: prints the folder of a Release wasm build (the app as deployed, and the
# benchmarks compiled alike): build/wasm, unless it was configured otherwise.
build_release_wasm() {
  local type
  type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$HEARTH_ROOT/build/wasm/CMakeCache.txt" 2>/dev/null)
  if [ -z "$type" ] || [ "$type" = Release ]; then
    build_wasm Release
    echo build/wasm
  else
    local dir=$HEARTH_ROOT/build/bench-wasm
    [ -f "$dir/CMakeCache.txt" ] || emcmake cmake -S "$HEARTH_ROOT" -B "$dir" $(ccache_flags) -DCMAKE_BUILD_TYPE=Release -DHEARTH_DEPS_DIR="$HEARTH_CACHE/src" >&2
    cmake --build "$dir" -j"$(jobs_count)" >&2
    echo build/bench-wasm
  fi
}
# build_profiling_wasm: the app once more, its wasm keeping function names (--profiling-funcs),
# in build/bench-wasm-prof, for the browser profile of `scripts/bench --profile`.
build_profiling_wasm() {
  local dir=$HEARTH_ROOT/build/bench-wasm-prof
  ensure_qrcodegen_source
  [ -f "$dir/CMakeCache.txt" ] || emcmake cmake -S "$HEARTH_ROOT" -B "$dir" $(ccache_flags) -DCMAKE_BUILD_TYPE=Release -DHEARTH_PROFILING_FUNCS=ON \
    -DHEARTH_DEPS_DIR="$HEARTH_CACHE/src" >&2
  cmake --build "$dir" -j"$(jobs_count)" --target hearth_offline >&2
}
# build_fuzz: the core and tests/fuzz with clang, libFuzzer, ASan and UBSan (scripts/fuzz).
build_fuzz() {
  local dir=$HEARTH_ROOT/build/fuzz
  ensure_qrcodegen_source
  # -O1 and line tables only: libFuzzer's usual flags, and the quickest build that still names
  # file and line in a crash report.
  [ -f "$dir/CMakeCache.txt" ] || CC=clang CXX=clang++ cmake -S "$HEARTH_ROOT" -B "$dir" $(ccache_flags) -DCMAKE_BUILD_TYPE=None \
    -DCMAKE_C_FLAGS="-O1 -gline-tables-only" -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DHEARTH_FUZZ=ON \
    -DHEARTH_DEPS_DIR="$HEARTH_CACHE/src" >&2
  cmake --build "$dir" -j"$(jobs_count)" --target fuzz_bundle make_sample_bundle >&2
}
# run_fuzz SECONDS [libFuzzer options…]: fuzz_bundle from fresh seeds, the regressions and what
# earlier runs found (build/fuzz/corpus); non-zero on a crash, its input in build/fuzz/artifacts/.
run_fuzz() {
  local dir=$HEARTH_ROOT/build/fuzz seconds=$1
  shift
  rm -rf "$dir/seeds"
  "$dir/tests/make_sample_bundle" "$dir/sample" "$dir/seeds" >/dev/null || return 1
  mkdir -p "$dir/corpus" "$dir/artifacts" || return 1
  "$dir/tests/fuzz/fuzz_bundle" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$dir/artifacts/" "$@" "$dir/corpus" "$dir/seeds" "$HEARTH_ROOT/tests/fuzz/regressions"
}
build_wasm() {
  local dir=$HEARTH_ROOT/build/wasm
  ensure_qrcodegen_source
  [ -f "$dir/CMakeCache.txt" ] || emcmake cmake -S "$HEARTH_ROOT" -B "$dir" $(ccache_flags) -DCMAKE_BUILD_TYPE="${1:-Release}" -DHEARTH_DEPS_DIR="$HEARTH_CACHE/src" -DHEARTH_TEST_PREFIX=wasm: >&2
  cmake --build "$dir" -j"$(jobs_count)" >&2
}
