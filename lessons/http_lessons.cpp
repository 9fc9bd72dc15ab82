#include "http_lessons.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdlib>

#include "aiohttp/blocking.hpp"

namespace lessons {

namespace {

constexpr double poll_every = 0.05;  // seconds between two looks at a running server's /stats

// The address in ASYNCDEMO_SERVER, without a trailing slash; empty when it is not set.
std::string server_from_environment() {
    const char* value = std::getenv("ASYNCDEMO_SERVER");
    std::string base = value ? value : "";
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
}

// One number of a COUNTS object in /stats's JSON: `object` is where the object's name is
// ("\"/delay\": {" or "\"total\": {"), `field` the count. 0 when either is missing.
std::size_t count_in(const std::string& json, const std::string& object, std::string_view field) {
    const auto at = json.find(object);
    if (at == std::string::npos) return 0;
    const auto end = json.find('}', at);
    const auto name = json.find("\"" + std::string(field) + "\": ", at);
    if (name == std::string::npos || name > end) return 0;
    const char* first = json.data() + name + field.size() + 4;
    std::size_t value = 0;
    std::from_chars(first, json.data() + end, value);
    return value;
}

lesson_server::RouteStats counts_in(const std::string& json, const std::string& object) {
    lesson_server::RouteStats stats;
    stats.requests = count_in(json, object, "requests");
    stats.in_flight = count_in(json, object, "in_flight");
    stats.peak_in_flight = count_in(json, object, "peak_in_flight");
    stats.failures = count_in(json, object, "failures");
    stats.abandoned = count_in(json, object, "abandoned");
    return stats;
}

// The server's /stats, fetched with a blocking GET: a few hundred microseconds on loopback,
// taken on the loop's thread (real clock only).
std::string fetch_stats(const std::string& base, bool reset = false) {
    auto response = aiohttp::blocking_get(base + (reset ? "/stats?reset=1" : "/stats"), 10.0);
    response.raise_for_status();
    return response.body();
}

}  // namespace

LessonServer::LessonServer(asyncio::EventLoop& loop) : loop_(loop) {
    if (loop.clock() == asyncio::ClockKind::real) base_ = server_from_environment();
    if (base_.empty())
        own_.emplace(loop);  // 127.0.0.1, a free port
    else
        fetch_stats(base_, true);  // this run's counts start here
}

LessonServer::~LessonServer() {
    poll_timer_.cancel();
}

std::string LessonServer::url(std::string_view path) const {
    if (own_) return own_->url(path);
    if (auto it = routes_.find(path); it != routes_.end()) return base_ + it->second;
    return base_ + std::string(path);
}

void LessonServer::set_route(std::string path, lesson_server::Answer answer) {
    if (own_) {
        own_->set_route(std::move(path), std::move(answer));
        return;
    }
    // A key of this process's own: the server's other clients keep their own tries.
    std::ostringstream flaky;
    flaky << "/flaky?fail=" << answer.fail_times << "&key=" << path.substr(1) << "-" << ::getpid();
    if (answer.latency > 0) flaky << "&delay=" << answer.latency;
    routes_[std::move(path)] = flaky.str();
}

void LessonServer::on_request(std::function<void(const lesson_server::RequestRecord&)> callback) {
    if (own_) {
        own_->on_request(std::move(callback));
        return;
    }
    log_ = std::move(callback);
    poll_timer_.cancel();
    poll_timer_ = loop_.call_later(poll_every, [this] { poll(); });
}

void LessonServer::poll() {
    std::size_t abandoned = 0;
    try {
        abandoned = count_in(fetch_stats(base_), "\"total\": {", "abandoned");
    } catch (const std::exception&) {
        return;  // the server is gone: nothing more to hear from it
    }
    for (; abandoned_seen_ < abandoned; ++abandoned_seen_) {
        lesson_server::RequestRecord record;  // status 0: abandoned
        record.received = loop_.time();
        if (log_) log_(record);
    }
    poll_timer_ = loop_.call_later(poll_every, [this] { poll(); });
}

lesson_server::RouteStats LessonServer::stats(std::string_view route) const {
    if (own_) return own_->stats(route);
    const bool own_route = routes_.find(route) != routes_.end();
    const std::string name = own_route ? "/flaky" : std::string(route);
    return counts_in(fetch_stats(base_), lesson_server::json_string(name) + ": {");
}

}  // namespace lessons
