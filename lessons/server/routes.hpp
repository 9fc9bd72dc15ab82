#pragma once
// What the lessons' HTTP server answers, decided from a request's path and query alone (no
// sockets here, so it is easy to test). The built-in routes, for lessons and for the
// tutorials' own code pointed at `asyncdemo serve`:
//
//   /                  the list of routes, as text
//   /delay?seconds=S   200 after S seconds
//   /status/CODE       that status (200-599), its reason phrase as the body
//   /bytes/N           N bytes of text (0 to 10 000 000)
//   /flaky?fail=N&key=K  503 for the first N requests with that key, then 200
//   /json?a=1&b=x      200 with the query as a JSON object: {"a": "1", "b": "x"}
//   /stats             what the server has counted, as JSON (Server::stats_json); with
//                      reset=1 it answers the counts and then sets them to zero. A request
//                      to /stats is not counted itself.
//
// Every route but /delay also takes delay=S, so `/status/503?delay=0.5` fails after half a
// second. A lesson can add routes of its own (Server::set_route) with a fixed Answer.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lesson_server {

// How a route answers. The lesson's routes are made of this; the built-in ones build it
// from the query.
struct Answer {
    double latency = 0;  // seconds between the request and the answer, on the loop's clock
    int status = 200;
    std::string body;           // the body, or when empty and body_size > 0:
    std::size_t body_size = 0;  //   that many bytes of filler text
    int fail_times = 0;         // the first fail_times requests (per key) answer fail_status
    int fail_status = 503;
    std::string content_type = "text/plain; charset=utf-8";
};

// The decoded query: ?a=1&b=two%20words → {a: "1", b: "two words"}.
using Query = std::map<std::string, std::string, std::less<>>;
Query parse_query(std::string_view query);

// What one request will get: the route it counts under, how it answers, and the key its
// failures are counted by (for fail_times).
struct Plan {
    std::string route;  // "/delay", "/status", "/bytes", "/flaky", "/json", "/", or "404"
    Answer answer;
    std::string key;
};

// The plan for a built-in route. A bad parameter gives status 400 with a body that says what
// would be valid; an unknown path gives 404.
Plan plan_builtin(std::string_view path, const Query& query);

// The built-in routes, each with a URL path that shows it (for `asyncdemo serve` and "/").
struct RouteExample {
    std::string_view route;
    std::string_view example;
};
const std::vector<RouteExample>& builtin_routes();

// "OK", "Service Unavailable"...; "Unknown" for a code without one.
std::string_view reason_phrase(int status);
// A JSON string literal for `text` (quotes and escapes included).
std::string json_string(std::string_view text);

}  // namespace lesson_server
