# libsodium as a CMake static library over its own source list (for emscripten, where the
# autotools build is not an option). Input: SODIUM_SOURCE_DIR, an unpacked Debian source package.
if(NOT EXISTS "${SODIUM_SOURCE_DIR}/src/libsodium/include/sodium.h")
  message(FATAL_ERROR "libsodium sources not found in ${SODIUM_SOURCE_DIR}: run scripts/fetch-deps")
endif()
file(READ "${SODIUM_SOURCE_DIR}/configure.ac" _ac)
string(REGEX MATCH "AC_INIT\\(\\[libsodium\\],\\[([0-9.]+)\\]" _m "${_ac}")
set(SODIUM_VERSION "${CMAKE_MATCH_1}")
string(REGEX MATCH "SODIUM_LIBRARY_VERSION_MAJOR=([0-9]+)" _m "${_ac}")
set(SODIUM_LIBRARY_VERSION_MAJOR "${CMAKE_MATCH_1}")
string(REGEX MATCH "SODIUM_LIBRARY_VERSION_MINOR=([0-9]+)" _m "${_ac}")
set(SODIUM_LIBRARY_VERSION_MINOR "${CMAKE_MATCH_1}")
set(SODIUM_LIBRARY_MINIMAL_DEF "")
set(VERSION "${SODIUM_VERSION}")
set(_inc "${CMAKE_BINARY_DIR}/libsodium-include")
file(COPY "${SODIUM_SOURCE_DIR}/src/libsodium/include/" DESTINATION "${_inc}" PATTERN "*.in" EXCLUDE PATTERN "Makefile*" EXCLUDE)
configure_file("${SODIUM_SOURCE_DIR}/src/libsodium/include/sodium/version.h.in" "${_inc}/sodium/version.h" @ONLY)
file(GLOB_RECURSE SODIUM_SOURCES CONFIGURE_DEPENDS "${SODIUM_SOURCE_DIR}/src/libsodium/*.c")
add_library(sodium STATIC ${SODIUM_SOURCES})
target_include_directories(sodium SYSTEM PUBLIC "${_inc}")
target_include_directories(sodium PRIVATE "${_inc}/sodium")
# What libsodium's configure detects for emscripten (DEFS in its generated Makefile).
target_compile_definitions(sodium PUBLIC SODIUM_STATIC=1
  PRIVATE CONFIGURED=1 NATIVE_LITTLE_ENDIAN=1 _GNU_SOURCE=1 HAVE_STDINT_H=1 HAVE_INTTYPES_H=1 HAVE_SYS_PARAM_H=1
          HAVE_SYS_MMAN_H=1 HAVE_CLOCK_GETTIME=1 HAVE_NANOSLEEP=1 HAVE_POSIX_MEMALIGN=1 HAVE_GETPID=1
          HAVE_C11_MEMORY_FENCES=1 HAVE_GCC_MEMORY_FENCES=1 HAVE_ATOMIC_OPS=1 HAVE_ALLOCA_H=1 HAVE_ALLOCA=1
          HAVE_INLINE_ASM=1 HAVE_EXPLICIT_BZERO=1 HAVE_C_VARARRAYS=1)
set_target_properties(sodium PROPERTIES C_VISIBILITY_PRESET hidden)
target_compile_options(sodium PRIVATE -O3 -fno-strict-aliasing -fno-strict-overflow -w)
message(STATUS "libsodium ${SODIUM_VERSION} from source: ${SODIUM_SOURCE_DIR}")
