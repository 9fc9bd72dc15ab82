#include "request_parser.hpp"

#include <climits>

namespace lesson_server {

namespace {

RequestParser& self(http_parser* p) {
    return *static_cast<RequestParser*>(p->data);
}

}  // namespace

// Lambdas without captures, as http-parser wants plain function pointers; made in a member
// function, they have its access to the parser's state.
const http_parser_settings& RequestParser::settings() {
    static const http_parser_settings s = [] {
        http_parser_settings s{};
        s.on_message_begin = [](http_parser* p) {
            auto& r = self(p);
            r.target_.clear();
            r.head_bytes_ = 0;
            r.body_bytes_ = 0;
            r.in_message_ = true;
            return 0;
        };
        s.on_url = [](http_parser* p, const char* at, std::size_t n) {
            auto& r = self(p);
            r.head_bytes_ += n;
            if (r.target_.size() + n > r.limits_.max_target)
                return r.over(ParseError::head_too_large) ? -1 : 0;
            r.target_.append(at, n);
            return r.head_bytes_ > r.limits_.max_head && r.over(ParseError::head_too_large) ? -1
                                                                                            : 0;
        };
        // Header names and values are not kept (no route looks at them), only counted.
        const auto count_head = [](http_parser* p, const char*, std::size_t n) {
            auto& r = self(p);
            r.head_bytes_ += n;
            return r.head_bytes_ > r.limits_.max_head && r.over(ParseError::head_too_large) ? -1
                                                                                            : 0;
        };
        s.on_header_field = count_head;
        s.on_header_value = count_head;
        s.on_headers_complete = [](http_parser* p) {
            auto& r = self(p);
            // An upgrade (CONNECT, or Connection: Upgrade) to a protocol this server does not
            // speak. Refused here, before the request is complete: after it http-parser would
            // stop at the end of the request, and whether more bytes came in the same read
            // (an error) or in the next (a new request) would be the network's choice.
            if (p->upgrade) return r.over(ParseError::bad_request) ? -1 : 0;
            // ULLONG_MAX: no Content-Length (no body, or chunks counted as they come).
            const bool declared = p->content_length != ULLONG_MAX;
            return declared && p->content_length > r.limits_.max_body &&
                           r.over(ParseError::body_too_large)
                       ? -1
                       : 0;
        };
        s.on_body = [](http_parser* p, const char*, std::size_t n) {
            auto& r = self(p);
            r.body_bytes_ += n;
            return r.body_bytes_ > r.limits_.max_body && r.over(ParseError::body_too_large) ? -1
                                                                                            : 0;
        };
        s.on_message_complete = [](http_parser* p) {
            auto& r = self(p);
            r.in_message_ = false;
            ParsedRequest request;
            request.method = http_method_str(static_cast<http_method>(p->method));
            request.target = std::move(r.target_);
            r.target_.clear();
            // Only valid here, at the end of the message (http-parser's rule).
            request.keep_alive = http_should_keep_alive(p) != 0;
            request.head = p->method == HTTP_HEAD;
            r.done_->push_back(std::move(request));
            return 0;
        };
        return s;
    }();
    return s;
}

RequestParser::RequestParser(ParserLimits limits) : limits_(limits) {
    http_parser_init(&parser_, HTTP_REQUEST);
    parser_.data = this;
}

// Notes the first error; true, so that a callback can say `over(...) ? -1 : 0`.
bool RequestParser::over(ParseError error) {
    if (error_ == ParseError::none) error_ = error;
    return true;
}

ParseError RequestParser::feed(std::string_view bytes, std::vector<ParsedRequest>& done) {
    // No bytes would tell http-parser the stream has ended; a read of none says nothing.
    if (error_ != ParseError::none || bytes.empty()) return error_;
    done_ = &done;
    const auto parsed = http_parser_execute(&parser_, &settings(), bytes.data(), bytes.size());
    done_ = nullptr;
    const auto code = HTTP_PARSER_ERRNO(&parser_);
    if (code == HPE_HEADER_OVERFLOW) over(ParseError::head_too_large);
    if (code != HPE_OK || parsed != bytes.size()) over(ParseError::bad_request);
    return error_;
}

std::string error_response(ParseError error) {
    const char* status = "400 Bad Request";
    if (error == ParseError::head_too_large) status = "431 Request Header Fields Too Large";
    if (error == ParseError::body_too_large) status = "413 Content Too Large";
    return std::string("HTTP/1.1 ") + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}

}  // namespace lesson_server
