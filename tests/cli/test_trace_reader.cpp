// The reader of asyncdemo trace's events: the same timeline model a lesson's run builds.
#include <doctest/doctest.h>

#include <string>

#include "trace/trace_reader.hpp"

namespace {

void feed_all(trace::TraceReader& reader, std::initializer_list<const char*> lines) {
    for (const char* line : lines) reader.feed(line);
}

}  // namespace

TEST_CASE("trace reader: steps and waits become segments, a long step is blocking") {
    trace::TraceReader reader;
    feed_all(reader, {
                         R"({"e":"start","t":0,"python":"3.11.7"})",
                         R"({"e":"task","id":1,"name":"main","parent":0,"t":0})",
                         R"({"e":"step","id":1,"t":0})",
                         R"({"e":"wait","id":1,"t":0,"on":"sleep","due":1})",
                         R"({"e":"step","id":1,"t":1})",
                         R"({"e":"end","id":1,"t":1.5,"state":"failed","error":"ValueError: x"})",
                         R"({"e":"exit","t":1.5,"code":1})",
                     });
    const auto timeline = reader.finish(timeline::Outcome::error);
    REQUIRE(timeline.tasks.size() == 1);
    const auto& main = timeline.tasks[0];
    REQUIRE(main.segments.size() == 3);
    CHECK(main.segments[1].on == asyncio::WaitOn::sleep);
    CHECK(main.segments[1].due == 1.0);
    CHECK(main.segments[2].kind == timeline::SegmentKind::blocked);  // 0.5 s on the loop
    CHECK(main.state == timeline::TaskState::failed);
    CHECK(main.error == "ValueError: x");
    CHECK(timeline.elapsed == 1.5);
    CHECK(reader.exit_code() == 1);
    CHECK(reader.python_version() == "3.11.7");
}

TEST_CASE("trace reader: thread waits, renames, and lines outside any task") {
    trace::TraceReader reader;
    feed_all(reader, {
                         R"({"e":"task","id":7,"name":"Task-7","parent":0,"t":0})",
                         R"({"e":"name","id":7,"name":"reader"})",
                         R"({"e":"step","id":7,"t":0})",
                         R"({"e":"wait","id":7,"t":0,"on":"thread"})",
                     });
    const auto printed = reader.feed(R"({"e":"line","t":0.5,"task":0,"text":"hi"})");
    REQUIRE(printed);
    CHECK(printed->text == "hi");
    CHECK(reader.task_name(7) == "reader");
    // Interrupted: the open wait is closed at the time given.
    const auto timeline = reader.finish(timeline::Outcome::interrupted, 2.0);
    CHECK(timeline.tasks[0].segments.back().kind == timeline::SegmentKind::thread);
    CHECK(timeline.tasks[0].segments.back().end == 2.0);
    CHECK(timeline.elapsed == 2.0);
}

TEST_CASE("trace reader: wait names become kinds; a name no kind has reads as a future") {
    trace::TraceReader reader;
    feed_all(
        reader,
        {
            R"({"e":"task","id":1,"name":"a","parent":0,"t":0})",
            R"({"e":"task","id":2,"name":"b","parent":0,"t":0})",
            R"({"e":"step","id":1,"t":0})",
            R"({"e":"wait","id":1,"t":0,"on":"lock"})",
            R"({"e":"step","id":2,"t":0})",
            R"({"e":"wait","id":2,"t":0,"on":"telepathy"})",
            R"({"e":"deadlock","waits":[{"task":1,"on":"lock","on_task":2},{"task":2,"on":"x"}]})",
        });
    const auto timeline = reader.finish(timeline::Outcome::deadlock, 1.0);
    REQUIRE(timeline.tasks.size() == 2);
    CHECK(timeline.tasks[0].segments.back().on == asyncio::WaitOn::lock);
    CHECK(timeline.tasks[1].segments.back().on == asyncio::WaitOn::future);
    CHECK(timeline.tasks[1].segments.back().kind == timeline::SegmentKind::wait);
    REQUIRE(reader.deadlock().size() == 2);
    CHECK(reader.deadlock()[0].on == asyncio::WaitOn::lock);
    CHECK(reader.deadlock()[0].on_task == 2);
    CHECK(reader.deadlock()[1].on == asyncio::WaitOn::future);
}

TEST_CASE("trace reader: a program without tasks is drawn as main alone") {
    trace::TraceReader reader;
    feed_all(reader, {R"({"e":"line","t":0,"task":0,"text":"a"})", R"({"e":"exit","t":1,"code":0})",
                      "not an event", ""});
    const auto timeline = reader.finish(timeline::Outcome::ok);
    REQUIRE(timeline.tasks.size() == 1);
    CHECK(timeline.tasks[0].name == "main");
    CHECK(timeline.output[0].task == timeline.tasks[0].id);
    CHECK(timeline.elapsed == 1.0);
}

TEST_CASE(
    "trace reader: the printed lines kept are the last ones; events past the limit are left out") {
    trace::TraceReader reader;
    reader.set_limit(10);
    for (std::size_t i = 0; i < trace::TraceReader::kept_lines + 5; ++i)
        reader.feed(R"({"e":"line","t":1,"task":0,"text":")" + std::to_string(i) + R"("})");
    CHECK(reader.lines_dropped() == 5);
    CHECK_FALSE(reader.past_limit());
    CHECK_FALSE(reader.feed(R"({"e":"line","t":11,"task":0,"text":"late"})"));
    CHECK(reader.past_limit());
    const auto timeline = reader.finish(timeline::Outcome::interrupted);
    CHECK(timeline.output.size() == trace::TraceReader::kept_lines);
    CHECK(timeline.output.front().text == "5");
    CHECK(timeline.elapsed == 1.0);
}
