// libFuzzer: the HTTP test server's handling of a request target (path and query), as
// `asyncdemo serve` and the lessons' server decide it: the query decoded, the route planned.
// Every plan must be an HTTP status, a finite latency within the server's limit, and a JSON
// body that is JSON; a crash or a sanitizer report is a finding.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "server/routes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view target(reinterpret_cast<const char*>(data), size);
    const auto mark = target.find('?');
    const auto path = target.substr(0, mark);
    const auto query =
        lesson_server::parse_query(mark == std::string_view::npos ? "" : target.substr(mark + 1));
    const auto plan = lesson_server::plan_builtin(path, query);
    const auto& answer = plan.answer;
    if (answer.status < 100 || answer.status > 599) std::abort();
    if (!std::isfinite(answer.latency) || answer.latency < 0 || answer.latency > 3600) std::abort();
    if (answer.content_type.starts_with("application/json") && !nlohmann::json::accept(answer.body))
        std::abort();
    (void)lesson_server::reason_phrase(answer.status);
    return 0;
}
