// The test server's request parser alone, with no socket: bytes in, requests or an error out,
// however the bytes are cut into reads.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "server/request_parser.hpp"

using lesson_server::ParsedRequest;
using lesson_server::ParseError;
using lesson_server::ParserLimits;
using lesson_server::RequestParser;

namespace {

struct Fed {
    std::vector<ParsedRequest> requests;
    ParseError error = ParseError::none;
    bool in_message = false;
};

// Feeds `bytes` in reads of `piece` bytes (all at once for 0).
Fed feed_in_pieces(const std::string& bytes, std::size_t piece, ParserLimits limits = {}) {
    RequestParser parser(limits);
    Fed fed;
    const std::size_t step = piece == 0 ? bytes.size() : piece;
    for (std::size_t at = 0; at < bytes.size(); at += step)
        fed.error = parser.feed(std::string_view(bytes).substr(at, step), fed.requests);
    fed.in_message = parser.in_message();
    return fed;
}

const std::string two_pipelined =
    "GET /json?n=1 HTTP/1.1\r\nHost: x\r\n\r\n"
    "HEAD /status/503?delay=0.5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

}  // namespace

TEST_CASE("request parser: pipelined requests come out in order, however the reads cut them") {
    for (const std::size_t piece : {0, 1, 2, 3, 7, 16, 40}) {
        INFO("reads of " << piece << " bytes");
        const auto fed = feed_in_pieces(two_pipelined, piece);
        CHECK(fed.error == ParseError::none);
        CHECK_FALSE(fed.in_message);
        REQUIRE(fed.requests.size() == 2);
        CHECK(fed.requests[0].method == "GET");
        CHECK(fed.requests[0].target == "/json?n=1");
        CHECK(fed.requests[0].keep_alive);
        CHECK_FALSE(fed.requests[0].head);
        CHECK(fed.requests[1].method == "HEAD");
        CHECK(fed.requests[1].target == "/status/503?delay=0.5");
        CHECK_FALSE(fed.requests[1].keep_alive);
        CHECK(fed.requests[1].head);
    }
}

TEST_CASE("request parser: half a request is kept until the rest comes") {
    RequestParser parser;
    std::vector<ParsedRequest> done;
    CHECK(parser.feed("GET /del", done) == ParseError::none);
    CHECK(parser.in_message());
    CHECK(done.empty());
    CHECK(parser.feed("", done) == ParseError::none);  // a read of nothing is not the end
    CHECK(parser.feed("ay?seconds=2 HTTP/1.0\r\n\r\n", done) == ParseError::none);
    CHECK_FALSE(parser.in_message());
    REQUIRE(done.size() == 1);
    CHECK(done[0].target == "/delay?seconds=2");
    CHECK_FALSE(done[0].keep_alive);  // HTTP/1.0 without keep-alive
}

TEST_CASE("request parser: a body is read past, with Content-Length or in chunks") {
    const std::string bytes =
        "POST /json HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
        "POST /json?b=2 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n0\r\n\r\n"
        "GET /last HTTP/1.1\r\n\r\n";
    for (const std::size_t piece : {0, 1, 5}) {
        const auto fed = feed_in_pieces(bytes, piece);
        CHECK(fed.error == ParseError::none);
        REQUIRE(fed.requests.size() == 3);
        CHECK(fed.requests[1].target == "/json?b=2");
        CHECK(fed.requests[2].target == "/last");
    }
}

TEST_CASE("request parser: what is not HTTP is an error that stays; earlier requests count") {
    RequestParser parser;
    std::vector<ParsedRequest> done;
    CHECK(parser.feed("GET /a HTTP/1.1\r\n\r\nNONSENSE\r\n\r\n", done) == ParseError::bad_request);
    REQUIRE(done.size() == 1);
    CHECK(done[0].target == "/a");
    // Nothing more is read once it failed, even a good request.
    CHECK(parser.feed("GET /b HTTP/1.1\r\n\r\n", done) == ParseError::bad_request);
    CHECK(done.size() == 1);
    CHECK(lesson_server::error_response(parser.error()) ==
          "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    // An upgrade to another protocol is not spoken here.
    CHECK(feed_in_pieces("CONNECT example.com:443 HTTP/1.1\r\n\r\n", 0).error ==
          ParseError::bad_request);
}

TEST_CASE("request parser: a target, headers or a body past the limits is refused") {
    const ParserLimits small{.max_target = 32, .max_head = 128, .max_body = 10};
    const std::string long_target = "GET /" + std::string(40, 'a') + " HTTP/1.1\r\n\r\n";
    const std::string many_headers =
        "GET / HTTP/1.1\r\n" + std::string(10, 'x') + ": " + std::string(200, 'y') + "\r\n\r\n";
    const std::string declared = "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n";
    const std::string chunked =
        "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\nabcdef\r\n";
    for (const std::size_t piece : {0, 1, 9}) {
        INFO("reads of " << piece << " bytes");
        CHECK(feed_in_pieces(long_target, piece, small).error == ParseError::head_too_large);
        CHECK(feed_in_pieces(many_headers, piece, small).error == ParseError::head_too_large);
        CHECK(feed_in_pieces(declared, piece, small).error == ParseError::body_too_large);
        CHECK(feed_in_pieces(chunked, piece, small).error == ParseError::body_too_large);
    }
    // At the limits themselves, all is well.
    const std::string at_limit =
        "POST /" + std::string(31, 'a') + " HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789";
    const auto fed = feed_in_pieces(at_limit, 0, small);
    CHECK(fed.error == ParseError::none);
    CHECK(fed.requests.size() == 1);
    // The default limits: an 80 KB header is refused by ours (431), before http-parser's own.
    const std::string huge = "GET / HTTP/1.1\r\nX: " + std::string(90 * 1024, 'y') + "\r\n\r\n";
    CHECK(feed_in_pieces(huge, 4096).error == ParseError::head_too_large);
    CHECK(lesson_server::error_response(ParseError::head_too_large)
              .starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
    CHECK(lesson_server::error_response(ParseError::body_too_large)
              .starts_with("HTTP/1.1 413 Content Too Large\r\n"));
}
