#include <algorithm>
#include <string>
#include <vector>

#include "commands/command.hpp"
#include "usage_error.hpp"

namespace {
// Edit distance, for "did you mean": a typo of one or two letters is the usual mistake.
std::size_t distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}
}  // namespace

// The lesson numbers as ranges, "1–31, 40–42" (declared in command.hpp).
std::string lesson_number_ranges(const std::vector<catalogue::Lesson>& lessons) {
    std::vector<int> numbers;
    for (const auto& l : lessons) numbers.push_back(l.number);
    std::sort(numbers.begin(), numbers.end());
    std::string text;
    for (std::size_t i = 0; i < numbers.size();) {
        std::size_t j = i;
        while (j + 1 < numbers.size() && numbers[j + 1] <= numbers[j] + 1) ++j;
        if (!text.empty()) text += ", ";
        text += std::to_string(numbers[i]);
        if (numbers[j] != numbers[i]) text += "–" + std::to_string(numbers[j]);
        i = j + 1;
    }
    return text;
}

const catalogue::Lesson& find_lesson(const catalogue::Catalogue& catalogue, std::string_view name) {
    if (const auto* lesson = catalogue.find(name)) return *lesson;
    const catalogue::Lesson* closest = nullptr;
    std::size_t best = 3;
    for (const auto& l : catalogue.lessons) {
        const auto d = distance(name, l.slug);
        if (d < best) {
            best = d;
            closest = &l;
        }
    }
    // A number no lesson has: say which numbers there are, as the slugs get a suggestion.
    if (!name.empty() &&
        std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        throw UsageError(
            "error.unknown_lesson_number",
            {{"lesson", std::string(name)}, {"ranges", lesson_number_ranges(catalogue.lessons)}});
    }
    UsageError::Args args{{"lesson", std::string(name)}};
    if (closest) args.emplace_back("suggestion", closest->slug);
    throw UsageError(closest ? "error.unknown_lesson_suggest" : "error.unknown_lesson",
                     std::move(args));
}
