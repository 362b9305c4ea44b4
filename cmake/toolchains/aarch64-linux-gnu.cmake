# Cross build for Linux aarch64 with Debian's cross compiler and multiarch arm64
# packages (scripts/install-deps.sh installs both). Debian needs no separate sysroot:
# arm64 libraries and package configurations sit in /usr/lib/aarch64-linux-gnu,
# arm64-specific headers in /usr/include/aarch64-linux-gnu, and headers shared by every
# architecture (Boost, nlohmann-json, CLI11, fmt) in /usr/include; the cross compiler
# searches all of them.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# find_library and find_package search /usr/lib/aarch64-linux-gnu (and the
# architecture-independent /usr/share/cmake) instead of the host's x86_64 directory.
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# pkg-config, which FindOpenSSL asks first, must describe the arm64 libraries too.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
