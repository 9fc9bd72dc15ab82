#pragma once
// The lesson programs by slug. lessons.json describes them; this table runs them.
#include <string_view>

#include "lesson.hpp"

namespace lesson {

// An empty Program when none has that slug.
Program find_program(std::string_view slug);
// Every slug with a program, to check the catalogue against.
const std::vector<std::string_view>& program_slugs();

}  // namespace lesson
