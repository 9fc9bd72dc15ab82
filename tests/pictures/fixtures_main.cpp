// picture_fixtures NAME LANG OUT.svg: draws one of the hand-built timelines of fixtures.hpp
// as `asyncdemo run` would, for the golden picture tests.
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include "catalogue/catalogue.hpp"
#include "fixtures.hpp"
#include "i18n/messages.hpp"
#include "render/svg_timeline.hpp"

namespace {

struct Fixture {
    const char* lesson;
    timeline::Timeline (*make)();
    std::string params;
};

const std::map<std::string, Fixture> fixtures_by_name{
    {"gather-40", {"gather", &fixtures::gather_40, "delays = 1 … 8 × 40"}},
    {"pool-3", {"thread-pool", [] { return fixtures::pool(3, 2, 1); }, "jobs = 3 · pool = 2"}},
    {"pool-40", {"thread-pool", [] { return fixtures::pool(40, 4, 1); }, "jobs = 40 · pool = 4"}},
};

}  // namespace

int main(int argc, char** argv) {
    const auto language = argc == 4 ? i18n::parse_language(argv[2]) : std::nullopt;
    const auto it = argc == 4 ? fixtures_by_name.find(argv[1]) : fixtures_by_name.end();
    if (it == fixtures_by_name.end() || !language) {
        std::cerr << "usage: picture_fixtures gather-40|pool-3|pool-40 en|pt-BR|uk OUT.svg\n";
        return 64;
    }
    const auto& fixture = it->second;
    const auto* lesson = catalogue::builtin().find(fixture.lesson);
    const std::string title =
        i18n::tr(*language, "run.header",
                 {{"number", lesson->number}, {"title", lesson->title.in(*language)}});
    const auto timeline = fixture.make();
    std::ofstream out(argv[3], std::ios::binary);
    out << render::svg_timeline(timeline, {title, fixture.params}, *language);
    return out.good() ? 0 : 74;
}
