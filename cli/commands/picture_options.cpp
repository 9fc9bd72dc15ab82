#include "commands/picture_options.hpp"

#include <charconv>

#include "usage_error.hpp"

namespace {

constexpr int smallest_side = 200, largest_side = 8000;
constexpr double narrowest = 0.5, widest = 2.5;  // width / height

// A whole number of pixels made of digits only: no sign, no spaces, no units.
std::optional<int> side(std::string_view text) {
    int value = 0;
    if (text.empty() || text.size() > 5) return std::nullopt;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

render::picture::PageSize parse_page_size(std::string_view text) {
    const auto bad = [&] { return UsageError("error.svg_size", {{"value", std::string(text)}}); };
    const auto x = text.find_first_of("xX");
    if (x == std::string_view::npos) throw bad();
    const auto width = side(text.substr(0, x)), height = side(text.substr(x + 1));
    if (!width || !height) throw bad();
    for (int s : {*width, *height})
        if (s < smallest_side || s > largest_side) throw bad();
    const double ratio = static_cast<double>(*width) / *height;
    if (ratio < narrowest || ratio > widest) throw bad();
    return {*width, *height};
}

render::picture::PageSize page_for(const std::optional<std::string>& size,
                                   const std::optional<std::string>& svg_path) {
    if (!size) return {};
    const auto page = parse_page_size(*size);
    if (!svg_path) throw UsageError("error.size_without_svg", {});
    return page;
}

std::optional<render::picture::Deadlock> deadlock_of(const RunResult& result) {
    if (result.outcome != timeline::Outcome::deadlock) return std::nullopt;
    render::picture::Deadlock deadlock;
    // The loop raises the deadlock at the last thing that happened: that is where the run ends.
    deadlock.found_at = result.timeline.elapsed;
    for (const auto& w : result.deadlock)
        deadlock.waits.push_back({w.task, w.on, w.detail, w.on_task});
    return deadlock;
}
