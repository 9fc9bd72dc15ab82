#pragma once
// The request side of the lessons' HTTP/1.1 test server, with no socket and no loop: bytes go
// in as they arrive, and out come the requests they complete, in order, or the error that ends
// the connection. A request may come split across reads, and several in one read (pipelining).
// Built on http-parser alone, so that it is tested and fuzzed without the runtime
// (tests/server/test_request_parser.cpp, fuzz/fuzz_http_request.cpp).
//
//     RequestParser parser;
//     std::vector<ParsedRequest> done;
//     if (parser.feed(bytes, done) != ParseError::none) write(error_response(parser.error()));
#include <http_parser.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lesson_server {

struct ParsedRequest {
    std::string method;  // "GET", "HEAD"...
    std::string target;  // path and query, as sent
    bool keep_alive = true;
    bool head = false;  // a HEAD request: the answer has no body
};

// What one request may hold. The server only reads the request line and drops the body, but a
// client must not make it hold or count without end.
struct ParserLimits {
    std::size_t max_target = 16 * 1024;  // bytes of the request target
    // Bytes of the request line and headers together (below http-parser's own 80 KB, so that
    // ours answers first, with its own status).
    std::size_t max_head = 64 * 1024;
    std::size_t max_body = 1024 * 1024;  // bytes of the body, declared or sent in chunks
};

enum class ParseError {
    none,
    bad_request,     // not HTTP/1.x as http-parser reads it: 400
    head_too_large,  // a target or headers past the limits: 431
    body_too_large,  // a body past the limit: 413
};

class RequestParser {
  public:
    explicit RequestParser(ParserLimits limits = {});
    // http-parser calls back into this object: it stays where it was made.
    RequestParser(const RequestParser&) = delete;
    RequestParser& operator=(const RequestParser&) = delete;

    // Reads `bytes`; the requests they complete are appended to `done`, those before an error
    // included. After an error nothing more is read: the same error is returned.
    ParseError feed(std::string_view bytes, std::vector<ParsedRequest>& done);
    ParseError error() const noexcept { return error_; }
    // Between the first byte of a request and its end: more of it is still to come.
    bool in_message() const noexcept { return in_message_; }

  private:
    static const http_parser_settings& settings();
    bool over(ParseError error);

    http_parser parser_{};
    ParserLimits limits_;
    ParseError error_ = ParseError::none;
    bool in_message_ = false;
    std::string target_;
    std::size_t head_bytes_ = 0;
    std::size_t body_bytes_ = 0;
    std::vector<ParsedRequest>* done_ = nullptr;
};

// The whole answer for an error, after which the server closes the connection:
// "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".
std::string error_response(ParseError error);

}  // namespace lesson_server
