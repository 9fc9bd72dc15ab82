#pragma once
// Files built into the binary (see cmake/embed.cmake).
#include <string_view>

namespace embedded {
std::string_view lessons_json();
std::string_view messages_json();
// cli/trace/asyncdemo_trace.py, run by `asyncdemo trace` with python3 -c.
std::string_view trace_module();
// cli/render/html/: the replay page (--html), its style and its script.
std::string_view replay_page();
std::string_view replay_style();
std::string_view replay_script();
// The text of lessons/NAME (a lesson program or its twin); empty when there is none.
std::string_view lesson_source(std::string_view name);
}  // namespace embedded
