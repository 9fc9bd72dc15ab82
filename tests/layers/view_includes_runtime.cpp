// The model and renderers work on plain data: the runtime's loop is not on their include path.
#include "asyncio/loop.hpp"
