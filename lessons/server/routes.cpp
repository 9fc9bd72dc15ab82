#include "routes.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace lesson_server {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
                   hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// A number in [low, high], or false. Plain decimal notation only.
bool parse_number(std::string_view text, double low, double high, double& value) {
    if (text.empty()) return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} && end == text.data() + text.size() && std::isfinite(value) &&
           value >= low && value <= high;
}

bool parse_whole(std::string_view text, long low, long high, long& value) {
    if (text.empty()) return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} && end == text.data() + text.size() && value >= low && value <= high;
}

constexpr double max_delay = 3600;
constexpr long max_bytes = 10'000'000;
constexpr long max_failures = 1000;

Plan bad_request(std::string route, std::string why) {
    Plan plan;
    plan.route = std::move(route);
    plan.answer.status = 400;
    plan.answer.body = std::move(why) + "\n";
    return plan;
}

std::string index_text() {
    std::string text = "asyncdemo's test server. Routes:\n";
    for (const auto& r : builtin_routes()) {
        text += "  ";
        text += r.example;
        text += "\n";
    }
    text += "Every route but /delay also takes delay=SECONDS.\n";
    return text;
}

std::string json_object(const Query& query) {
    std::string text = "{";
    for (const auto& [name, value] : query) {
        if (text.size() > 1) text += ", ";
        text += json_string(name) + ": " + json_string(value);
    }
    return text + "}\n";
}

}  // namespace

Query parse_query(std::string_view query) {
    Query result;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto item = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (item.empty()) continue;
        const auto eq = item.find('=');
        if (eq == std::string_view::npos)
            result[percent_decode(item)] = "";
        else
            result[percent_decode(item.substr(0, eq))] = percent_decode(item.substr(eq + 1));
    }
    return result;
}

Plan plan_builtin(std::string_view path, const Query& query) {
    Plan plan;
    auto param = [&](std::string_view name) -> const std::string* {
        auto it = query.find(name);
        return it == query.end() ? nullptr : &it->second;
    };
    // delay=S, on every route but /delay (whose seconds= says the same).
    double delay = 0;
    if (path != "/delay") {
        if (const auto* d = param("delay"); d && !parse_number(*d, 0, max_delay, delay))
            return bad_request(std::string(path),
                               "delay must be a number of seconds from 0 to 3600");
    }
    plan.answer.latency = delay;

    if (path == "/" || path.empty()) {
        plan.route = "/";
        plan.answer.body = index_text();
    } else if (path == "/delay") {
        plan.route = "/delay";
        double seconds = 0;
        const auto* s = param("seconds");
        if (!s || !parse_number(*s, 0, max_delay, seconds))
            return bad_request(plan.route, "/delay needs seconds=S with S from 0 to 3600");
        plan.answer.latency = seconds;
        // The number as parsed, not as typed: "003" or "1." are accepted but are not JSON.
        char digits[32];
        const auto written = std::to_chars(digits, digits + sizeof digits, seconds).ptr;
        plan.answer.body = "{\"delay\": " + std::string(digits, written) + "}\n";
        plan.answer.content_type = "application/json";
    } else if (path.starts_with("/status/")) {
        plan.route = "/status";
        long code = 0;
        if (!parse_whole(path.substr(8), 200, 599, code))
            return bad_request(plan.route, "/status/CODE needs a CODE from 200 to 599");
        plan.answer.status = static_cast<int>(code);
        plan.answer.body = std::string(reason_phrase(plan.answer.status)) + "\n";
    } else if (path.starts_with("/bytes/")) {
        plan.route = "/bytes";
        long n = 0;
        if (!parse_whole(path.substr(7), 0, max_bytes, n))
            return bad_request(plan.route, "/bytes/N needs an N from 0 to 10000000");
        plan.answer.body_size = static_cast<std::size_t>(n);
    } else if (path == "/flaky") {
        plan.route = "/flaky";
        long fail = 1;
        if (const auto* f = param("fail"); f && !parse_whole(*f, 0, max_failures, fail))
            return bad_request(plan.route, "/flaky takes fail=N with N from 0 to 1000");
        plan.answer.fail_times = static_cast<int>(fail);
        if (const auto* k = param("key")) plan.key = *k;
        plan.answer.body = "ok\n";
    } else if (path == "/stats") {
        // No counts here: the server puts its own in the body when it answers
        // (http_server.cpp).
        plan.route = "/stats";
        if (const auto* r = param("reset"); r && *r != "0" && *r != "1")
            return bad_request(plan.route, "/stats takes reset=1 (or reset=0)");
        plan.key = param("reset") && *param("reset") == "1" ? "reset" : "";
        plan.answer.body = "{}\n";
        plan.answer.content_type = "application/json";
    } else if (path == "/json") {
        plan.route = "/json";
        Query args = query;
        args.erase("delay");
        plan.answer.body = json_object(args);
        plan.answer.content_type = "application/json";
    } else {
        plan.route = "404";
        plan.answer.status = 404;
        plan.answer.body = "no such route; GET / lists them\n";
    }
    return plan;
}

const std::vector<RouteExample>& builtin_routes() {
    static const std::vector<RouteExample> routes = {
        {"/delay", "/delay?seconds=0.5"}, {"/status", "/status/503"},
        {"/bytes", "/bytes/1000"},        {"/flaky", "/flaky?fail=2&key=a"},
        {"/json", "/json?id=1&name=ana"}, {"/stats", "/stats"},
    };
    return routes;
}

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 408:
            return "Request Timeout";
        case 418:
            return "I'm a teapot";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "Unknown";
    }
}

namespace {
// The length of the valid UTF-8 sequence at text[i], or 0 when the bytes there are not one.
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (n == 0 || i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
    // No overlong forms, no surrogates, nothing past U+10FFFF.
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if ((c == 0xE0 && second < 0xA0) || (c == 0xED && second > 0x9F) ||
        (c == 0xF0 && second < 0x90) || (c == 0xF4 && second > 0x8F))
        return 0;
    return n;
}
}  // namespace

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            // A query may decode to bytes that are not UTF-8 (found by fuzz/fuzz_http_route):
            // they become U+FFFD, so the body stays JSON.
            const auto n = utf8_length(text, i);
            if (n == 0) {
                out += "\\ufffd";
            } else {
                out.append(text.substr(i, n));
                i += n - 1;
            }
            continue;
        }
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (c < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                    out += buffer;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

}  // namespace lesson_server
