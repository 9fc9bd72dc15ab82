#pragma once
// requests.get(url): a plain blocking GET that holds the calling thread until the answer is
// in. On the loop's thread it would stop every task, which is the lesson; run it on a worker
// with asyncio::to_thread or run_in_executor, as Python code does with requests.
//
// Under the virtual clock a job on a thread costs no virtual time, and the loop does not move
// time while it runs: pair it with a route that answers at once and give the job its cost
// with to_thread_simulated(latency, blocking_get, url).
#include <optional>
#include <string>

#include "aiohttp/response.hpp"

namespace aiohttp {

// Raises what the session raises: ClientConnectorError, asyncio::TimeoutError (after
// `timeout` seconds of real time), ServerDisconnectedError, ClientError.
ClientResponse blocking_get(std::string url, std::optional<double> timeout = 300.0);

}  // namespace aiohttp
