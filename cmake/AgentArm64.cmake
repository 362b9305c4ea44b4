# spored for Linux aarch64, cross-built from the same sources as a sub-build in
# ${CMAKE_BINARY_DIR}/agent-arm64 (toolchain cmake/toolchains/aarch64-linux-gnu.cmake,
# SPAWN_AGENT_ONLY) so that `make` and `make test` build and check both agents.
# Optimised like the native build (-O2: GCC 12 at -O3 reports a false -Wrestrict inside
# std::string, GCC bug 105329) and without debug information: this binary only ships.
# SPAWN_SPORED_ARM64 is where the result lands.
include(ExternalProject)

find_program(SPAWN_AARCH64_CXX aarch64-linux-gnu-g++)
if(NOT SPAWN_AARCH64_CXX)
  message(FATAL_ERROR "spored for arm64 needs the cross compiler aarch64-linux-gnu-g++ and the arm64 "
                      "libraries; run scripts/install-deps.sh")
endif()

set(agent_arm64_dir ${CMAKE_BINARY_DIR}/agent-arm64)
set(SPAWN_SPORED_ARM64 ${agent_arm64_dir}/src/spored/spored)

ExternalProject_Add(spored-arm64
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${agent_arm64_dir}
  CMAKE_ARGS -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/toolchains/aarch64-linux-gnu.cmake
             -DCMAKE_BUILD_TYPE=Release
             "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -g0 -DNDEBUG"
             -DSPAWN_AGENT_ONLY=ON
             -DSPAWN_WERROR=${SPAWN_WERROR}
  BUILD_COMMAND ${CMAKE_COMMAND} --build ${agent_arm64_dir} --target spored
  # The sub-build's own dependency scan decides what is out of date.
  BUILD_ALWAYS ON
  # Minutes long: show its progress and errors as they come.
  USES_TERMINAL_CONFIGURE ON
  USES_TERMINAL_BUILD ON
  BUILD_BYPRODUCTS ${SPAWN_SPORED_ARM64}
  INSTALL_COMMAND "")

# Both agents, stripped, side by side as `spawn agent publish` wants them:
# ${CMAKE_BINARY_DIR}/agent/spored-linux-{amd64,arm64} (src/spawn/ops/agent_dir.cpp looks
# there), installed to <prefix>/libexec/spawn beside bin/spawn.
find_program(SPAWN_AARCH64_STRIP aarch64-linux-gnu-strip REQUIRED)
set(agent_dir ${CMAKE_BINARY_DIR}/agent)
set(spawn_agents ${agent_dir}/spored-linux-amd64 ${agent_dir}/spored-linux-arm64)
add_custom_command(
  OUTPUT ${spawn_agents}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${agent_dir}
  COMMAND ${CMAKE_STRIP} -o ${agent_dir}/spored-linux-amd64 $<TARGET_FILE:spored>
  COMMAND ${SPAWN_AARCH64_STRIP} -o ${agent_dir}/spored-linux-arm64 ${SPAWN_SPORED_ARM64}
  DEPENDS spored spored-arm64 ${SPAWN_SPORED_ARM64}
  COMMENT "Gathering both agents in ${agent_dir}"
  VERBATIM)
add_custom_target(spawn-agents ALL DEPENDS ${spawn_agents})
install(PROGRAMS ${spawn_agents} DESTINATION libexec/spawn)
