# Third-party libraries, the same versions natively and in wasm:
#   cereal, rapidjson, Catch2 2.x  — Debian header-only packages
#   libsodium 1.0.18               — native: Debian libsodium-dev; wasm: Debian source package, built here
#   Dear ImGui 1.92.2b             — Debian source package (wasm app only)
#   QR Code generator 1.8.0 (C)    — Debian source package's orig tarball, built here (both)

if(EMSCRIPTEN)
  # Exceptions must be catchable: cereal throws on corrupt input, Catch2 relies on them.
  add_compile_options(-fexceptions)
  add_link_options(-fexceptions -sALLOW_MEMORY_GROWTH=1)
  # The emscripten sysroot hides /usr/include: expose only the header-only dependencies.
  set(_hdr "${CMAKE_BINARY_DIR}/host-headers")
  file(MAKE_DIRECTORY "${_hdr}/catch2")
  foreach(d cereal rapidjson)
    if(NOT EXISTS "${_hdr}/${d}")
      file(CREATE_LINK "/usr/include/${d}" "${_hdr}/${d}" SYMBOLIC)
    endif()
  endforeach()
  configure_file(/usr/include/catch2/catch.hpp "${_hdr}/catch2/catch.hpp" COPYONLY)
  add_library(hearth_cereal INTERFACE)
  target_include_directories(hearth_cereal SYSTEM INTERFACE "${_hdr}")
  add_library(hearth_catch2 INTERFACE)
  target_include_directories(hearth_catch2 SYSTEM INTERFACE "${_hdr}")
  set(SODIUM_SOURCE_DIR "${HEARTH_DEPS_DIR}/libsodium")
  include(LibsodiumFromSource)
  find_program(NODE_EXECUTABLE NAMES node nodejs REQUIRED)
  # Node >= 18 has fetch(), which emscripten 3.1.6's loader then misuses for local files.
  set(CMAKE_CROSSCOMPILING_EMULATOR "${NODE_EXECUTABLE};--no-experimental-fetch")
  list(APPEND CMAKE_MODULE_PATH /usr/lib/cmake/Catch2)
else()
  find_package(cereal REQUIRED)
  add_library(hearth_cereal INTERFACE)
  target_link_libraries(hearth_cereal INTERFACE cereal::cereal)
  find_package(Catch2 2 REQUIRED)
  add_library(hearth_catch2 INTERFACE)
  target_link_libraries(hearth_catch2 INTERFACE Catch2::Catch2)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
  add_library(sodium ALIAS PkgConfig::SODIUM)
endif()

# Nayuki's QR Code generator 1.8.0, its C version (Debian source package qr-code-generator,
# orig tarball: scripts/lib/common.sh ensure_qrcodegen_source), natively and in wasm alike.
set(QRCODEGEN_DIR "${HEARTH_DEPS_DIR}/qrcodegen/c")
if(NOT EXISTS "${QRCODEGEN_DIR}/qrcodegen.c")
  message(FATAL_ERROR "QR Code generator sources not found in ${QRCODEGEN_DIR}: run scripts/fetch-deps")
endif()
add_library(qrcodegen STATIC "${QRCODEGEN_DIR}/qrcodegen.c")
target_include_directories(qrcodegen SYSTEM PUBLIC "${QRCODEGEN_DIR}")
set_target_properties(qrcodegen PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON)
target_compile_options(qrcodegen PRIVATE -w)

if(EMSCRIPTEN)
  set(IMGUI_DIR "${HEARTH_DEPS_DIR}/imgui")
  if(NOT EXISTS "${IMGUI_DIR}/imgui.h")
    message(FATAL_ERROR "Dear ImGui sources not found in ${IMGUI_DIR}: run scripts/fetch-deps")
  endif()
  # imgui_draw.cpp with line breaks in Chinese text (cmake/ImGuiCjkWrap.cmake)
  set(_imgui_draw "${CMAKE_BINARY_DIR}/imgui-cjk/imgui_draw.cpp")
  add_custom_command(OUTPUT "${_imgui_draw}"
    COMMAND "${CMAKE_COMMAND}" -DIN=${IMGUI_DIR}/imgui_draw.cpp -DOUT=${_imgui_draw} -P "${CMAKE_SOURCE_DIR}/cmake/ImGuiCjkWrap.cmake"
    DEPENDS "${IMGUI_DIR}/imgui_draw.cpp" "${CMAKE_SOURCE_DIR}/cmake/ImGuiCjkWrap.cmake"
    COMMENT "Dear ImGui: line breaks in Chinese text")
  add_library(imgui STATIC
    ${IMGUI_DIR}/imgui.cpp ${_imgui_draw} ${IMGUI_DIR}/imgui_tables.cpp ${IMGUI_DIR}/imgui_widgets.cpp
    ${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp
    ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
  target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends ${IMGUI_DIR}/misc/cpp)
  # IMGUI_ENABLE_TEST_ENGINE turns on ImGui's item hooks, which src/ui/automation.cpp implements to
  # publish every interactive item's label and rectangle (docs/testing.md).
  target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_DEBUG_TOOLS IMGUI_ENABLE_TEST_ENGINE
                                         IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
  target_compile_options(imgui PRIVATE -w)
endif()
