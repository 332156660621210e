# Third-party sources built from Debian source packages: the one place their versions and
# checksums are pinned. Sourced by scripts/lib/deps.sh. Change a version here and its sha256
# together (scripts/fetch-deps --print-sha256 shows the values of what it downloaded).

# Dear ImGui, from sid (bookworm ships 1.86, too old: 1.92 rasterises glyphs on demand).
IMGUI_SOURCE=imgui
IMGUI_VERSION=1.92.2b+ds-1
IMGUI_ORIG=imgui_1.92.2b+ds.orig.tar.xz
IMGUI_ORIG_SHA256=e7bd201d56b5ee90d24d5dac85e5c12f98bdb95410252a62d27b7f89e4566d48
IMGUI_DEBIAN=imgui_1.92.2b+ds-1.debian.tar.xz
IMGUI_DEBIAN_SHA256=ca9d561ab86e0a8ec10438ec32cdbdd6ec783550e06a63c1b8042ec50899f80d

# libsodium for the wasm build: the same version as bookworm's libsodium-dev used natively.
SODIUM_SOURCE=libsodium
SODIUM_VERSION=1.0.18-1+deb12u1
SODIUM_ORIG=libsodium_1.0.18.orig.tar.gz
SODIUM_ORIG_SHA256=d59323c6b712a1519a5daf710b68f5e7fde57040845ffec53850911f10a5d4f4
SODIUM_DEBIAN=libsodium_1.0.18-1+deb12u1.debian.tar.xz
SODIUM_DEBIAN_SHA256=f410474e46346b06b162defa05b1be26906aeed6cf309e3d4ebe30b4d1350733

# Nayuki's QR Code generator (its C version: c/qrcodegen.c), for the 持证上门 card's QR code.
# Only the orig tarball downloads (the .dsc is missing from the archive), so it is fetched by
# URL, checked against this sha256 (the one Debian's signed Sources indexes list, bookworm and sid) and unpacked
# with tar. The second URL is the same file on snapshot.debian.org (by its SHA-1), for when sid
# moves on.
QRCODEGEN_SOURCE=qr-code-generator
QRCODEGEN_VERSION=1.8.0
QRCODEGEN_ORIG=qr-code-generator_1.8.0.orig.tar.gz
QRCODEGEN_ORIG_SHA256=2ec0a4d33d6f521c942eeaf473d42d5fe139abcfa57d2beffe10c5cf7d34ae60
QRCODEGEN_URLS="http://deb.debian.org/debian/pool/main/q/qr-code-generator/qr-code-generator_1.8.0.orig.tar.gz \
https://snapshot.debian.org/file/3d8b6255c8b2d9baaffea4dde68f559fa6b4914d"

# Debian binary packages (installed when missing): what building and serving the app needs,
# and what only the tests add (scripts/serve installs the first list, scripts/test all three).
# ccache: compiled objects are kept between builds, and between clones (scripts/lib/common.sh)
APT_PACKAGES_BUILD="cmake g++ make pkg-config dpkg-dev xz-utils emscripten libsodium-dev libcereal-dev catch2 \
fonts-droid-fallback fonts-dejavu-core python3 python3-fonttools nodejs ccache"
APT_PACKAGES_TEST="chromium npm libzxing-dev"  # libzxing-dev: native tests decode the card's QR code
# The fuzz build (scripts/fuzz, and scripts/test's short run): clang and its sanitizer and
# libFuzzer runtimes (libclang-rt-14-dev is only recommended by clang-14, so named here).
APT_PACKAGES_FUZZ="cmake make pkg-config libsodium-dev libcereal-dev catch2 clang libclang-rt-14-dev"
