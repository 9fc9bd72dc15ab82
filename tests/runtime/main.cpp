#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "asyncio/diagnostics.hpp"
#include "support.hpp"

// After the whole suite: every loop the tests closed must have closed cleanly
// (uv_loop_close succeeded), apart from the ones a test left a handle open in on purpose.
int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int failed = context.run();
    if (context.shouldExit()) return failed;
    const std::size_t unclean = asyncio::diagnostics::failed_loop_closes();
    if (unclean != testing::expected_failed_loop_closes) {
        std::fprintf(stderr, "uv_loop_close failed %zu time(s), expected %zu\n", unclean,
                     testing::expected_failed_loop_closes);
        return failed ? failed : 1;
    }
    return failed;
}
