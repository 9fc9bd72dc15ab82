#pragma once
// Files built into the binary (see cmake/embed.cmake).
#include <string_view>

namespace embedded {
std::string_view lessons_json();
std::string_view messages_json();
}  // namespace embedded
