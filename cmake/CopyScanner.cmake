# cmake -DWEB_DIR=… -DNODE_MODULES=… -DOUT_DIR=… -P CopyScanner.cmake
# Assembles OUT_DIR (build/wasm/dist/scan): everything QR scanning loads, all from our own
# origin (docs/scanning.md). Third-party files are copied from node_modules (package-lock.json
# pins them; never committed):
#   scanner.js                          web/scanner.js (ours)
#   barcode-detector/ponyfill.js        npm barcode-detector: the BarcodeDetector ponyfill, ES module
#   barcode-detector/zxing-exported.js  … and the zxing-wasm glue it imports
#   zxing-wasm/zxing_reader.wasm        npm zxing-wasm: ZXing-C++'s reader compiled to wasm
#   */LICENSE                           both packages' licences
set(_bd "${NODE_MODULES}/barcode-detector")
set(_zx "${NODE_MODULES}/zxing-wasm")
set(_need "${_bd}/dist/es/ponyfill.js" "${_bd}/dist/es/zxing-exported.js" "${_bd}/LICENSE"
          "${_zx}/dist/reader/zxing_reader.wasm" "${_zx}/LICENSE")
foreach(_f IN LISTS _need)
  if(NOT EXISTS "${_f}")
    message(FATAL_ERROR "QR scanning: ${_f} is missing. The app serves the npm packages barcode-detector and "
      "zxing-wasm itself: run `npm ci` in the repository (scripts/serve and scripts/test do it), then build again.")
  endif()
endforeach()

# The glue only works with the .wasm of its own zxing-wasm release: it carries that file's
# sha256 (ZXING_WASM_SHA256). A lock that pairs them wrongly fails here, not on a tablet.
file(SHA256 "${_zx}/dist/reader/zxing_reader.wasm" _sha)
file(READ "${_bd}/dist/es/zxing-exported.js" _glue)
string(FIND "${_glue}" "${_sha}" _at)
if(_at EQUAL -1)
  message(FATAL_ERROR "QR scanning: ${_zx}/dist/reader/zxing_reader.wasm (sha256 ${_sha}) is not the file "
    "barcode-detector's glue was built for (its ZXING_WASM_SHA256 differs): package-lock.json must pin the "
    "zxing-wasm version that barcode-detector names. Run `npm ci`.")
endif()

file(MAKE_DIRECTORY "${OUT_DIR}/barcode-detector" "${OUT_DIR}/zxing-wasm")
configure_file("${WEB_DIR}/scanner.js" "${OUT_DIR}/scanner.js" COPYONLY)
configure_file("${_bd}/dist/es/ponyfill.js" "${OUT_DIR}/barcode-detector/ponyfill.js" COPYONLY)
configure_file("${_bd}/dist/es/zxing-exported.js" "${OUT_DIR}/barcode-detector/zxing-exported.js" COPYONLY)
configure_file("${_bd}/LICENSE" "${OUT_DIR}/barcode-detector/LICENSE" COPYONLY)
configure_file("${_zx}/dist/reader/zxing_reader.wasm" "${OUT_DIR}/zxing-wasm/zxing_reader.wasm" COPYONLY)
configure_file("${_zx}/LICENSE" "${OUT_DIR}/zxing-wasm/LICENSE" COPYONLY)
# configure_file leaves an unchanged file's time alone: mark the outputs made, or make would run this again every build
file(TOUCH_NOCREATE "${OUT_DIR}/scanner.js" "${OUT_DIR}/barcode-detector/ponyfill.js" "${OUT_DIR}/barcode-detector/zxing-exported.js"
  "${OUT_DIR}/zxing-wasm/zxing_reader.wasm")
