# Precompiled headers: the heavy headers most files of a target include (the runtime's
# umbrella header, nlohmann/json, fmt, CLI11, doctest) are parsed once per target instead of
# once per file, which is most of what a file costs to compile in CI's three builds.
# -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON turns them off (to check that each file includes what
# it uses). Only with g++: clang (scripts/fuzz.sh) would need its own flags for ccache.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  return()
endif()

set(PCH_STD <algorithm> <chrono> <cstddef> <cstdint> <exception> <functional> <map> <memory>
            <optional> <string> <string_view> <utility> <vector>)
# In angle brackets: a quoted name would be taken as a path from this folder.
set(PCH_RUNTIME ${PCH_STD} <asyncio/asyncio.hpp>)

# The runtime itself: the standard library and libuv (its own headers change with it).
target_precompile_headers(asyncio PRIVATE ${PCH_STD} <uv.h>)
# It reads the kernel's own struct tcp_info (<linux/tcp.h>), which <uv.h>'s <netinet/tcp.h>
# would have declared first in its older, shorter form.
set_source_files_properties(${PROJECT_SOURCE_DIR}/runtime/asyncio/detail/tcp_counts.cpp
                            TARGET_DIRECTORY asyncio PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
foreach(target aiofiles aiosqlite aiohttp asyncdemo_bench lessons)
  target_precompile_headers(${target} PRIVATE ${PCH_RUNTIME})
endforeach()
target_precompile_headers(lesson_server PRIVATE ${PCH_RUNTIME} <nlohmann/json.hpp>)

# The command line: its view layer must not see the runtime, so no runtime header here.
target_precompile_headers(asyncdemo_view PRIVATE ${PCH_STD} <nlohmann/json.hpp> <fmt/format.h>)
target_precompile_headers(asyncdemo_runner PRIVATE ${PCH_STD} <nlohmann/json.hpp> <fmt/format.h>)
target_precompile_headers(asyncdemo_core PRIVATE ${PCH_STD} <nlohmann/json.hpp> <fmt/format.h>
                                                  <CLI/CLI.hpp>)

# The test binaries. Their main.cpp compiles doctest's implementation, which needs
# DOCTEST_CONFIG_IMPLEMENT before the header: it goes without the precompiled one.
foreach(target runtime_tests cpython_tests lesson_tests stress_tests)
  target_precompile_headers(${target} PRIVATE ${PCH_RUNTIME} <doctest/doctest.h>)
endforeach()
target_precompile_headers(http_tests PRIVATE ${PCH_RUNTIME} <doctest/doctest.h>
                                             <nlohmann/json.hpp>)
target_precompile_headers(cli_tests PRIVATE ${PCH_STD} <doctest/doctest.h> <nlohmann/json.hpp>
                                            <fmt/format.h> <CLI/CLI.hpp>)
foreach(dir tests/runtime tests/runtime/cpython tests/lessons tests/stress tests/server tests/cli)
  set_source_files_properties(${PROJECT_SOURCE_DIR}/${dir}/main.cpp TARGET_DIRECTORY runtime_tests
                              PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
endforeach()
