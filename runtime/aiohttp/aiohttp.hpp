#pragma once
// The HTTP client, the way `import aiohttp` gives it.
#include "aiohttp/blocking.hpp"
#include "aiohttp/errors.hpp"
#include "aiohttp/response.hpp"
#include "aiohttp/session.hpp"
