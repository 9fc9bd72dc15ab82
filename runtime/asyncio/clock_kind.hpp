#pragma once
// Which clock a loop keeps. Plain data with no dependencies, like observer.hpp: the timeline
// model and the renderers, which never link the runtime, may include both (README.md, "How
// it is built").
namespace asyncio {

enum class ClockKind { real, virtual_time };

}  // namespace asyncio
