#pragma once
// What the HTTP lessons (33 to 36, and 39) share: the local test server (LessonServer), the
// aiohttp-shaped client, and the URL of a route that answers after some seconds.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "aiohttp/aiohttp.hpp"
#include "jobs.hpp"
#include "server/http_server.hpp"

namespace lessons {

// The server a lesson talks to. Its own lesson_server::Server on the lesson's loop, unless
// the clock is real and ASYNCDEMO_SERVER names a running `asyncdemo serve`
// (http://127.0.0.1:PORT), as it does for the Python twins (lessons/test_server.py): then
// that one, so that a test runs the C++ lesson and its twin against the same server and reads
// what it counted from its /stats route. Under the virtual clock the lesson always has its
// own: only timers on its loop make the latencies exact.
//
// With a running server, the counts are that server's since the lesson began (it resets them
// at the start, through /stats?reset=1), a route of the lesson's own becomes the server's
// /flaky route with a key of the lesson's (only fail_times and latency carry over), and
// on_request hears of abandoned requests only (status 0), by polling /stats.
class LessonServer {
  public:
    explicit LessonServer(asyncio::EventLoop& loop);
    ~LessonServer();
    LessonServer(const LessonServer&) = delete;
    LessonServer& operator=(const LessonServer&) = delete;

    // "http://127.0.0.1:PORT" followed by `path`.
    std::string url(std::string_view path) const;
    void set_route(std::string path, lesson_server::Answer answer);
    void on_request(std::function<void(const lesson_server::RequestRecord&)> callback);
    lesson_server::RouteStats stats(std::string_view route) const;

  private:
    void poll();

    asyncio::EventLoop& loop_;
    std::optional<lesson_server::Server> own_;
    std::string base_;                                        // a running server's address
    std::map<std::string, std::string, std::less<>> routes_;  // the lesson's, as /flaky URLs
    std::function<void(const lesson_server::RequestRecord&)> log_;
    std::size_t abandoned_seen_ = 0;
    asyncio::TimerHandle poll_timer_;
};

// "/delay?seconds=S", with S written as Python writes the number (a URL never takes the
// decimal comma a line in Portuguese or Ukrainian would give it).
inline std::string delay_path(double seconds) {
    std::ostringstream text;
    text << seconds;
    return "/delay?seconds=" + text.str();
}

// http://127.0.0.1:PORT/delay?seconds=S
inline std::string delay_url(const LessonServer& server, double seconds) {
    return server.url(delay_path(seconds));
}

}  // namespace lessons
