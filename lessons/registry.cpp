#include "registry.hpp"

#include <iterator>
#include <utility>
#include <vector>

// Declares every lessons::<name> program and lists them in lesson_table.
#include "registry_table.inc"

namespace lesson {

namespace {
const std::vector<std::pair<std::string_view, Program>>& programs() {
    static const std::vector<std::pair<std::string_view, Program>> table(std::begin(lesson_table),
                                                                         std::end(lesson_table));
    return table;
}
}  // namespace

Program find_program(std::string_view slug) {
    for (const auto& [name, program] : programs())
        if (name == slug) return program;
    return {};
}

const std::vector<std::string_view>& program_slugs() {
    static const std::vector<std::string_view> slugs = [] {
        std::vector<std::string_view> all;
        for (const auto& entry : programs()) all.push_back(entry.first);
        return all;
    }();
    return slugs;
}

}  // namespace lesson
