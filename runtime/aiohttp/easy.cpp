#include "aiohttp/easy.hpp"

#include <mutex>

#include "aiohttp/errors.hpp"

namespace aiohttp::detail {

void global_init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
            throw ClientError("curl_global_init failed");
    });
}

namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    static_cast<ClientResponse*>(user)->body_.append(data, size * count);
    return size * count;
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && (text.back() == '\r' || text.back() == '\n' || text.back() == ' '))
        text.remove_suffix(1);
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    return std::string(text);
}

// One header line. A status line starts the headers over: after a redirect, only the last
// answer's headers are kept.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& response = *static_cast<ClientResponse*>(user);
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        response.headers_.clear();
        const auto space = line.find(' ');
        if (space != std::string_view::npos) {
            const auto rest = line.substr(space + 1);
            const auto second = rest.find(' ');
            response.reason_ =
                second == std::string_view::npos ? "" : trimmed(rest.substr(second + 1));
        }
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
        response.headers_.add(trimmed(line.substr(0, colon)), trimmed(line.substr(colon + 1)));
    }
    return size * count;
}

}  // namespace

std::exception_ptr transfer_error(CURLcode code, const std::string& url, const char* detail) {
    const std::string why = detail && *detail ? detail : curl_easy_strerror(code);
    switch (code) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
            return std::make_exception_ptr(
                ClientConnectorError("Cannot connect to " + url + " [" + why + "]"));
        case CURLE_OPERATION_TIMEDOUT:
            return std::make_exception_ptr(asyncio::TimeoutError());
        case CURLE_GOT_NOTHING:
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
            return std::make_exception_ptr(ServerDisconnectedError("Server disconnected: " + why));
        default:
            return std::make_exception_ptr(ClientError(why));
    }
}

void configure_easy(CURL* easy, const std::string& method, ClientResponse& response,
                    char* error_buffer) {
    curl_easy_setopt(easy, CURLOPT_URL, response.url_.c_str());
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &response);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    // As aiohttp with trust_env=False: no proxy from the environment, so loopback stays local.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);  // aiohttp's allow_redirects=True
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, 10L);
    if (method == "HEAD")
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    else if (method != "GET")
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, method.c_str());
}

void read_outcome(CURL* easy, ClientResponse& response) {
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    response.status_ = static_cast<int>(status);
    char* effective = nullptr;
    curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective);
    if (effective) response.url_ = effective;
}

}  // namespace aiohttp::detail
