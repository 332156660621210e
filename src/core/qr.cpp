#include "qr.hpp"

#include <algorithm>
#include <string>

extern "C" {
#include "qrcodegen.h"
}

namespace hearth {

namespace {
qrcodegen_Ecc to_c(QrEcc e) {
  switch (e) {
    case QrEcc::Low: return qrcodegen_Ecc_LOW;
    case QrEcc::Medium: return qrcodegen_Ecc_MEDIUM;
    case QrEcc::Quartile: return qrcodegen_Ecc_QUARTILE;
    case QrEcc::High: return qrcodegen_Ecc_HIGH;
  }
  return qrcodegen_Ecc_MEDIUM;
}
}  // namespace

std::optional<QrCode> make_qr(std::string_view text, QrEcc ecc) {
  const std::string s(text);
  const bool has_nul = s.find('\0') != std::string::npos;
  QrMode mode = QrMode::Byte;
  if (!has_nul && !s.empty() && qrcodegen_isNumeric(s.c_str())) mode = QrMode::Numeric;
  else if (!has_nul && !s.empty() && qrcodegen_isAlphanumeric(s.c_str())) mode = QrMode::Alphanumeric;

  const qrcodegen_Mode cmode = mode == QrMode::Numeric ? qrcodegen_Mode_NUMERIC
                               : mode == QrMode::Alphanumeric ? qrcodegen_Mode_ALPHANUMERIC
                                                              : qrcodegen_Mode_BYTE;
  const std::size_t seg_len = qrcodegen_calcSegmentBufferSize(cmode, s.size());
  if (seg_len == SIZE_MAX) return std::nullopt;  // far beyond any version
  std::vector<std::uint8_t> seg_buf(std::max<std::size_t>(seg_len, 1));
  qrcodegen_Segment seg{};
  switch (mode) {
    case QrMode::Numeric: seg = qrcodegen_makeNumeric(s.c_str(), seg_buf.data()); break;
    case QrMode::Alphanumeric: seg = qrcodegen_makeAlphanumeric(s.c_str(), seg_buf.data()); break;
    case QrMode::Byte: seg = qrcodegen_makeBytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size(), seg_buf.data()); break;
  }

  std::vector<std::uint8_t> temp(qrcodegen_BUFFER_LEN_MAX), out(qrcodegen_BUFFER_LEN_MAX);
  if (!qrcodegen_encodeSegmentsAdvanced(&seg, 1, to_c(ecc), qrcodegen_VERSION_MIN, qrcodegen_VERSION_MAX, qrcodegen_Mask_AUTO,
                                        true, temp.data(), out.data()))
    return std::nullopt;

  QrCode qr;
  qr.size = qrcodegen_getSize(out.data());
  qr.version = (qr.size - 17) / 4;
  qr.mode = mode;
  // Boosting keeps the version and raises the level while the data still fits, so the level
  // the symbol carries is the highest one that encodes at exactly this version (any mask: the
  // mask does not change the capacity).
  qr.ecc = ecc;
  std::vector<std::uint8_t> scratch(qrcodegen_BUFFER_LEN_MAX);
  for (int level = static_cast<int>(QrEcc::High); level > static_cast<int>(ecc); --level)
    if (qrcodegen_encodeSegmentsAdvanced(&seg, 1, to_c(static_cast<QrEcc>(level)), qr.version, qr.version, qrcodegen_Mask_0, false,
                                         temp.data(), scratch.data())) {
      qr.ecc = static_cast<QrEcc>(level);
      break;
    }
  qr.dark.resize(static_cast<std::size_t>(qr.size) * static_cast<std::size_t>(qr.size));
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      qr.dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(qr.size) + static_cast<std::size_t>(x)] = qrcodegen_getModule(out.data(), x, y) ? 1 : 0;
  return qr;
}

std::string qr_svg(const QrCode& qr, int module_px) {
  module_px = std::max(module_px, 1);
  const int side = qr.size + 2 * kQrQuietZone;
  const std::string px = std::to_string(side * module_px);
  std::string svg;
  svg.reserve(static_cast<std::size_t>(qr.size) * static_cast<std::size_t>(qr.size) * 6 + 400);
  svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + px + "\" height=\"" + px + "\" viewBox=\"0 0 " +
         std::to_string(side) + " " + std::to_string(side) + "\" shape-rendering=\"crispEdges\">";
  svg += "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/><path fill=\"#000000\" d=\"";
  // One rectangle per horizontal run of dark modules: a fifth of the path a square per module takes.
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size;) {
      if (!qr.at(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (qr.at(x + run, y)) ++run;
      svg += 'M' + std::to_string(x + kQrQuietZone) + ',' + std::to_string(y + kQrQuietZone) + 'h' + std::to_string(run) + "v1h-" +
             std::to_string(run) + 'z';
      x += run;
    }
  }
  svg += "\"/></svg>\n";
  return svg;
}

}  // namespace hearth
