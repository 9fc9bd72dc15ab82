#include "registry.hpp"

#include <array>
#include <utility>

namespace lessons {
asyncio::Coroutine<> hello(lesson::Context&);
asyncio::Coroutine<> sleep(lesson::Context&);
asyncio::Coroutine<> sequential(lesson::Context&);
asyncio::Coroutine<> create_task(lesson::Context&);
asyncio::Coroutine<> gather(lesson::Context&);
}  // namespace lessons

namespace lesson {

namespace {
constexpr std::array<std::pair<std::string_view, Program>, 5> programs{{
    {"hello", lessons::hello},
    {"sleep", lessons::sleep},
    {"sequential", lessons::sequential},
    {"create-task", lessons::create_task},
    {"gather", lessons::gather},
}};
}  // namespace

Program find_program(std::string_view slug) {
    for (const auto& [name, program] : programs)
        if (name == slug) return program;
    return nullptr;
}

const std::vector<std::string_view>& program_slugs() {
    static const std::vector<std::string_view> slugs = [] {
        std::vector<std::string_view> all;
        for (const auto& entry : programs) all.push_back(entry.first);
        return all;
    }();
    return slugs;
}

}  // namespace lesson
