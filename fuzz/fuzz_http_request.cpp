// libFuzzer: the HTTP test server's request parsing (lessons/server/request_parser.hpp), fed as
// a socket would feed it: the input's first byte says how many of the next bytes are read
// sizes (up to 7, cycled; none: the rest in one read), the rest is what the client sent. The
// same bytes in one read must give the same requests and the same error (the cut is the
// network's, not the client's); every target stays within the limit; an error stays; every
// request is then routed as the server routes it, and its plan must be an HTTP answer. A crash,
// a sanitizer report or an abort is a finding.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "server/request_parser.hpp"
#include "server/routes.hpp"

namespace {

using lesson_server::ParsedRequest;
using lesson_server::ParseError;

void check(bool holds) {
    if (!holds) std::abort();
}

bool same(const ParsedRequest& a, const ParsedRequest& b) {
    return a.method == b.method && a.target == b.target && a.keep_alive == b.keep_alive &&
           a.head == b.head;
}

// The request routed as Connection::request_complete does it for the built-in routes.
void route(const ParsedRequest& request) {
    const std::string_view target = request.target;
    const auto mark = target.find('?');
    const auto query =
        lesson_server::parse_query(mark == std::string_view::npos ? "" : target.substr(mark + 1));
    const auto plan = lesson_server::plan_builtin(target.substr(0, mark), query);
    const auto& answer = plan.answer;
    check(answer.status >= 100 && answer.status <= 599);
    check(std::isfinite(answer.latency) && answer.latency >= 0 && answer.latency <= 3600);
    if (answer.content_type.starts_with("application/json"))
        check(nlohmann::json::accept(answer.body));
    (void)lesson_server::reason_phrase(answer.status);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t cuts = std::min<std::size_t>(data[0] % 8, size - 1);
    const std::uint8_t* sizes = data + 1;
    const std::string_view sent(reinterpret_cast<const char*>(data + 1 + cuts), size - 1 - cuts);
    const lesson_server::ParserLimits limits;

    lesson_server::RequestParser in_pieces(limits);
    std::vector<ParsedRequest> pieces;
    ParseError error = ParseError::none;
    for (std::size_t at = 0, i = 0; at < sent.size(); ++i) {
        const std::size_t n = cuts == 0 ? sent.size() : 1 + sizes[i % cuts] % 64;
        const auto before = pieces.size();
        const auto was = error;
        error = in_pieces.feed(sent.substr(at, n), pieces);
        if (was != ParseError::none) check(error == was && pieces.size() == before);
        at += n;
    }
    check(error == in_pieces.error());

    lesson_server::RequestParser at_once(limits);
    std::vector<ParsedRequest> whole;
    check(at_once.feed(sent, whole) == error);
    check(whole.size() == pieces.size());
    for (std::size_t i = 0; i < whole.size(); ++i) check(same(whole[i], pieces[i]));
    if (error == ParseError::none) check(in_pieces.in_message() == at_once.in_message());

    for (const auto& request : pieces) {
        check(request.target.size() <= limits.max_target);
        check(!request.method.empty());
        route(request);
    }
    (void)lesson_server::error_response(error);
    return 0;
}
