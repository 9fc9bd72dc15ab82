#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>

#include "asyncio/diagnostics.hpp"

// After the whole suite, which runs every lesson (test_every_lesson.cpp and the rest): no
// loop a lesson made may have closed with uv_loop_close failing. CI runs this binary under
// ASan+UBSan and under TSan, so every lesson's teardown is checked in both.
int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int failed = context.run();
    if (context.shouldExit()) return failed;
    if (const std::size_t unclean = asyncio::diagnostics::failed_loop_closes(); unclean != 0) {
        std::fprintf(stderr, "uv_loop_close failed %zu time(s) in the lesson tests\n", unclean);
        return failed ? failed : 1;
    }
    return failed;
}
