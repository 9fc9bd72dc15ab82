// Every lesson with a program, run once with its defaults under the virtual clock: it ends
// as the catalogue says, and the loop it ran on closed cleanly (uv_loop_close succeeded).
// The topic tests run most lessons in many ways; this one makes sure none is left out, so
// that the sanitizer passes of CI (lesson_tests under ASan+UBSan and under TSan) see them all.
#include "asyncio/diagnostics.hpp"
#include "catalogue/catalogue.hpp"
#include "support.hpp"

TEST_CASE("every lesson runs to its expected end and closes its loop cleanly") {
    std::size_t lessons = 0;
    for (const auto& lesson : catalogue::builtin().lessons) {
        if (!has_program(lesson.slug)) continue;
        CAPTURE(lesson.slug);
        const auto failed_before = asyncio::diagnostics::failed_loop_closes();
        lesson_testing::run(lesson.slug);  // checks the outcome against the catalogue
        CHECK(asyncio::diagnostics::failed_loop_closes() == failed_before);
        ++lessons;
    }
    CHECK(lessons >= 30);
}
