// Syllabus facts of part 7's network lessons (32 to 36: tcp-echo, http-fetch, http-limit,
// http-retry, http-partial): real sockets on 127.0.0.1, the lessons' own test server. Under
// the virtual clock the times are exact; one smoke run each on the real clock, with generous
// bounds. What the server counted comes from the lines the lessons print from its stats.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <regex>
#include <string>
#include <vector>

#include "support.hpp"

using lesson_testing::join;
using lesson_testing::lines_of;
using lesson_testing::max_of;
using lesson_testing::run;
using lesson_testing::Run;
using lesson_testing::run_with_clock;
using lesson_testing::same_time;
using lesson_testing::setting;
using lesson_testing::sum_of;
using timeline::TaskState;

namespace {

// The numbers in an English line, in order: "held at most 10 at once (limit 10)" → 10, 10.
std::vector<double> numbers_in(const std::string& text) {
    std::vector<double> found;
    static const std::regex number(R"(\d+(\.\d+)?)");
    for (std::sregex_iterator it(text.begin(), text.end(), number), end; it != end; ++it)
        found.push_back(std::stod(it->str()));
    return found;
}

std::vector<double> numbers_of(const std::vector<timeline::OutputLine>& lines) {
    REQUIRE(lines.size() == 1);
    return numbers_in(lines[0].text);
}

std::vector<double> numbers_of(const RunResult& result, std::string_view key) {
    std::vector<timeline::OutputLine> found;
    for (const auto& line : result.timeline.output)
        if (line.key == key) found.push_back(line);
    return numbers_of(found);
}

bool waited_on_io(const timeline::Task& task) {
    return std::any_of(task.segments.begin(), task.segments.end(), [](const auto& s) {
        return s.kind == timeline::SegmentKind::wait && s.on == asyncio::WaitOn::io;
    });
}

std::string client(int n) {
    return "client-" + std::to_string(n);
}

std::string fetch(std::size_t n) {
    return "fetch-" + std::to_string(n);
}

}  // namespace

TEST_CASE("tcp-echo: every client gets its own line back; the server answered each; no time") {
    for (int clients : {1, 3, 5, 20}) {
        CAPTURE(clients);
        auto r = run("tcp-echo", {"clients=" + std::to_string(clients)});
        CHECK(r.lines("listening").at(0).text == "server listening on 127.0.0.1, on a free port");
        for (int n = 1; n <= clients; ++n) {
            const auto answer = lines_of(r, "answer", client(n));
            REQUIRE(answer.size() == 1);
            CHECK(answer[0].text == "client " + std::to_string(n) +
                                        " got back: hello from client " + std::to_string(n));
            CHECK(r.task(client(n)).state == TaskState::done);
        }
        CHECK(numbers_of(r.lines("served")) == std::vector<double>{double(clients)});
        // One handler task per connection, besides main and the clients; all ended.
        CHECK(r.task_count() == 1 + 2 * static_cast<std::size_t>(clients));
        for (const auto& t : r.result.timeline.tasks) CHECK(t.state == TaskState::done);
        CHECK(r.elapsed() == 0.0);
    }
}

TEST_CASE("http-fetch: one after another takes the sum; together, the longest; waits are I/O") {
    for (const std::vector<double>& latencies :
         {std::vector<double>{1, 2, 3}, {0.5, 0.25}, {2}, {3, 1, 2, 0.5}, {0, 1.5}}) {
        CAPTURE(join(latencies));
        auto r = run("http-fetch", {"latencies=" + join(latencies)});
        const double sum = sum_of(latencies), longest = max_of(latencies);
        // One after another: request n is answered when the latencies up to n have passed.
        const auto answered = lines_of(r, "fetched", "main");
        REQUIRE(answered.size() == latencies.size());
        double t = 0;
        for (std::size_t i = 0; i < latencies.size(); ++i) {
            t += latencies[i];
            CHECK(same_time(answered[i].t, t));
            CHECK(answered[i].text == "request " + std::to_string(i + 1) + " answered: status 200");
        }
        CHECK(same_time(numbers_of(r.lines("one_by_one")).at(0), sum));
        // Together: each ends at its own latency after they all started.
        for (std::size_t i = 0; i < latencies.size(); ++i) {
            const auto& task = r.task(fetch(i + 1));
            CHECK(same_time(*task.finished, sum + latencies[i]));
            if (latencies[i] > 0) CHECK(waited_on_io(task));
        }
        CHECK(same_time(numbers_of(r.lines("together")).at(0), longest));
        CHECK(same_time(r.elapsed(), sum + longest));
    }
}

TEST_CASE("http-limit: the server never holds more than the limit; ceil(requests/limit) waves") {
    struct Case {
        int requests, limit;
        double latency;
    };
    for (const auto& c : std::vector<Case>{
             {100, 10, 0.2}, {25, 5, 0.5}, {7, 3, 0.2}, {10, 10, 1}, {5, 1, 0.1}, {3, 8, 0.4}}) {
        CAPTURE(c.requests);
        CAPTURE(c.limit);
        CAPTURE(c.latency);
        auto r =
            run("http-limit", {"requests=" + std::to_string(c.requests),
                               "limit=" + std::to_string(c.limit), setting("latency", c.latency)});
        // "the server answered R and held at most P at once (limit L)"
        const auto counted = numbers_of(r.lines("server_counts"));
        REQUIRE(counted.size() == 3);
        CHECK(counted[0] == c.requests);
        CHECK(counted[1] <= c.limit);
        // Each wave arrives at once, so the peak is the limit itself (or every request).
        CHECK(counted[1] == std::min(c.requests, c.limit));
        const double waves = std::ceil(static_cast<double>(c.requests) / c.limit);
        CHECK(r.elapsed() == doctest::Approx(waves * c.latency).epsilon(1e-9));
        // Request n is answered in wave ceil(n / limit).
        for (int n = 1; n <= c.requests; n += std::max(1, c.requests / 7)) {
            const auto& task = r.task("request-" + std::to_string(n));
            const double wave = std::ceil(static_cast<double>(n) / c.limit);
            CHECK(*task.finished == doctest::Approx(wave * c.latency).epsilon(1e-9));
        }
    }
}

TEST_CASE("http-retry: tries counted by the server; success on fail_times+1 within max_tries") {
    struct Case {
        int max_tries, fail_times;
        double backoff;
    };
    for (const auto& c : std::vector<Case>{
             {3, 2, 1}, {3, 5, 1}, {3, 0, 1}, {5, 4, 0.5}, {1, 1, 2}, {4, 3, 0}, {2, 2, 0.25}}) {
        CAPTURE(c.max_tries);
        CAPTURE(c.fail_times);
        CAPTURE(c.backoff);
        auto r = run("http-retry",
                     {"max_tries=" + std::to_string(c.max_tries),
                      "fail_times=" + std::to_string(c.fail_times), setting("backoff", c.backoff)});
        const bool succeeds = c.fail_times < c.max_tries;
        const int tries = succeeds ? c.fail_times + 1 : c.max_tries;
        // "the server counted N requests, F of them failed"
        const auto counted = numbers_of(r.lines("server_counts"));
        REQUIRE(counted.size() == 2);
        CHECK(counted[0] == tries);
        CHECK(counted[1] == std::min(c.fail_times, c.max_tries));
        // Try k starts after k-1 pauses.
        const auto attempts = r.lines("trying");
        REQUIRE(attempts.size() == static_cast<std::size_t>(tries));
        for (int k = 0; k < tries; ++k) CHECK(same_time(attempts[k].t, k * c.backoff));
        CHECK(r.lines("failed").size() == static_cast<std::size_t>(tries - (succeeds ? 1 : 0)));
        CHECK(r.lines("succeeded").size() == (succeeds ? 1u : 0u));
        CHECK(r.lines("gave_up").size() == (succeeds ? 0u : 1u));
        CHECK(r.lines(succeeds ? "result_ok" : "result_failed").size() == 1);
        CHECK(same_time(r.elapsed(), (tries - 1) * c.backoff));
    }
}

TEST_CASE("http-partial: wait(timeout) keeps what finished; the rest is cancelled, seen closed") {
    struct Case {
        std::vector<double> latencies;
        double timeout;
    };
    for (const auto& c : std::vector<Case>{{{1, 2, 6}, 5},
                                           {{1, 2, 3}, 5},
                                           {{4, 0.5, 7, 3}, 3.5},
                                           {{2, 2}, 1},
                                           {{0.25, 9, 8}, 0.5}}) {
        CAPTURE(join(c.latencies));
        CAPTURE(c.timeout);
        auto r =
            run("http-partial", {"latencies=" + join(c.latencies), setting("timeout", c.timeout)});
        std::size_t late = 0;
        for (std::size_t i = 0; i < c.latencies.size(); ++i) {
            const auto& task = r.task(fetch(i + 1));
            CAPTURE(i);
            if (c.latencies[i] < c.timeout) {
                CHECK(task.state == TaskState::done);
                CHECK(same_time(*task.finished, c.latencies[i]));
            } else {
                ++late;
                CHECK(task.state == TaskState::cancelled);
                CHECK(same_time(*task.finished, c.timeout));
                CHECK(lines_of(r, "fetch_cancelled", fetch(i + 1)).size() == 1);
            }
        }
        CHECK(numbers_of(r.lines("returned")) ==
              std::vector<double>{double(c.latencies.size() - late), double(late)});
        CHECK(r.lines("kept").size() == c.latencies.size() - late);
        if (late > 0) {
            // The server saw each cancelled request's client go, at the timeout.
            const auto saw = r.lines("server_saw");
            REQUIRE(saw.size() == 1);
            CHECK(numbers_in(saw[0].text) == std::vector<double>{double(late)});
            CHECK(same_time(saw[0].t, c.timeout));
            CHECK(same_time(r.elapsed(), c.timeout));
        } else {
            CHECK(r.lines("server_saw").empty());
            CHECK(same_time(r.elapsed(), max_of(c.latencies)));
        }
    }
}

TEST_CASE("network lessons on the real clock: the same counts, times within generous bounds") {
    using asyncio::ClockKind;
    {
        const auto result = run_with_clock("tcp-echo", ClockKind::real, {"clients=4"});
        CHECK(numbers_of(result, "served") == std::vector<double>{4});
        CHECK(result.timeline.elapsed < 2.0);
    }
    {
        const auto result = run_with_clock("http-limit", ClockKind::real,
                                           {"requests=20", "limit=5", "latency=0.1"});
        const auto counted = numbers_of(result, "server_counts");
        REQUIRE(counted.size() == 3);
        CHECK(counted[0] == 20);
        CHECK(counted[1] >= 1);
        CHECK(counted[1] <= 5);
        CHECK(result.timeline.elapsed >= 0.4 - 1e-3);  // four waves of 0.1 s, never early
        CHECK(result.timeline.elapsed < 0.4 + 2.0);
    }
    {
        const auto result = run_with_clock("http-retry", ClockKind::real,
                                           {"max_tries=3", "fail_times=2", "backoff=0.1"});
        CHECK(numbers_of(result, "server_counts") == std::vector<double>{3, 2});
        CHECK(result.timeline.elapsed >= 0.2 - 1e-3);
        CHECK(result.timeline.elapsed < 0.2 + 2.0);
    }
    {
        const auto result =
            run_with_clock("http-partial", ClockKind::real, {"latencies=0.1,5", "timeout=0.5"});
        CHECK(numbers_of(result, "server_saw") == std::vector<double>{1});
        CHECK(result.timeline.elapsed >= 0.5 - 1e-3);
        CHECK(result.timeline.elapsed < 0.5 + 2.0);
    }
}
