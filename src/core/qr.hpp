// QR codes for the 持证上门 card (docs/card-credential.md): Nayuki's QR Code generator (its C
// version, Debian source package qr-code-generator 1.8.0) behind a small value type, and the
// SVG of the printable card page. The core draws no pixels itself: the UI reads the modules.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

// The segment mode the text was encoded in (ISO/IEC 18004 §7.4). Alphanumeric covers
// 0–9, A–Z, space and $ % * + - . / : — exactly the Base45 alphabet (RFC 9285) — at 5.5 bits
// a character; byte mode spends 8.
enum class QrMode : std::uint8_t { Numeric = 1, Alphanumeric = 2, Byte = 4 };
enum class QrEcc : std::uint8_t { Low = 0, Medium = 1, Quartile = 2, High = 3 };  // ~7 / 15 / 25 / 30 % of codewords recoverable

struct QrCode {
  int size = 0;                    // modules per side: 17 + 4 × version (21 … 177)
  int version = 0;                 // 1 … 40
  QrMode mode = QrMode::Byte;
  QrEcc ecc = QrEcc::Medium;       // after boosting (a higher level when it fits the same version)
  std::vector<std::uint8_t> dark;  // size × size, row by row from the top left: 1 dark, 0 light
  // Whether the module at column x, row y is dark; outside the symbol (the quiet zone) is light.
  bool at(int x, int y) const {
    return x >= 0 && y >= 0 && x < size && y < size && dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] != 0;
  }
};

// The quiet zone every reader needs around the symbol, in modules (ISO/IEC 18004: 4).
inline constexpr int kQrQuietZone = 4;

// `text` as a QR code at error correction `ecc` at least (raised when that fits the same
// version), in the smallest version that holds it. Text made only of the alphanumeric
// characters (Base45) is encoded in alphanumeric mode, digits only in numeric mode, anything
// else as UTF-8 bytes. nullopt when it does not fit in version 40.
std::optional<QrCode> make_qr(std::string_view text, QrEcc ecc = QrEcc::Medium);

// The code as a standalone SVG image: `module_px` pixels a module, a white quiet zone of
// kQrQuietZone modules all round, dark modules as one path of unit squares in a scaled
// viewBox, with shape-rendering="crispEdges" so printers and browsers draw sharp edges.
std::string qr_svg(const QrCode& qr, int module_px);

}  // namespace hearth
