#pragma once
// Everything at once, the way `import asyncio` gives it.
#include "asyncio/coroutine.hpp"
#include "asyncio/errors.hpp"
#include "asyncio/future.hpp"
#include "asyncio/loop.hpp"
#include "asyncio/observer.hpp"
#include "asyncio/run.hpp"
#include "asyncio/sleep.hpp"
#include "asyncio/task.hpp"
