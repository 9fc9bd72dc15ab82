#pragma once
// What the HTTP lessons (33 to 36) share: the local test server on the lesson's own loop, the
// aiohttp-shaped client, and the URL of a route that answers after some seconds.
#include <sstream>
#include <string>

#include "aiohttp/aiohttp.hpp"
#include "jobs.hpp"
#include "server/http_server.hpp"

namespace lessons {

// "/delay?seconds=S", with S written as Python writes the number (a URL never takes the
// decimal comma a line in Portuguese or Ukrainian would give it).
inline std::string delay_path(double seconds) {
    std::ostringstream text;
    text << seconds;
    return "/delay?seconds=" + text.str();
}

// The same for a latency param: the URL is text, so this is where a duration is written out in
// seconds; the server reads them back as the number it waits (lesson_server's /delay route).
inline std::string delay_path(asyncio::Duration latency) {
    return delay_path(asyncio::to_seconds(latency));
}

// http://127.0.0.1:PORT/delay?seconds=S
inline std::string delay_url(const lesson_server::Server& server, double seconds) {
    return server.url(delay_path(seconds));
}

}  // namespace lessons
