// A state folder that cannot be made (XDG_STATE_HOME under a regular file): the tour says so
// once and goes on without saving; `progress --reset` fails with exit 73 and the path.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "run_binary.hpp"

using cli_test::run;
using cli_test::scratch;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// A regular file where the state folder's parent should be.
std::string blocked_state() {
    const std::string file = scratch("not-a-folder");
    std::ofstream(file) << "a file\n";
    return file + "/state";
}

}  // namespace

TEST_CASE("progress --reset where progress cannot be kept: exit 73, the path and the reason") {
    const std::string state = blocked_state();
    const std::string env = "XDG_STATE_HOME=" + state;
    for (const auto& [lang, words] :
         {std::pair<std::string, std::string>{
              "en", "asyncdemo: error: the tour's progress cannot be kept in " + state +
                        "/asyncdemo: a part of the path is a file, not a folder\n"},
          {"pt-BR", "asyncdemo: erro: o progresso do tour não pode ser guardado em " + state +
                        "/asyncdemo: uma parte do caminho é um arquivo, não uma pasta\n"},
          {"uk", "asyncdemo: помилка: прогрес туру неможливо зберігати в " + state +
                     "/asyncdemo: частина шляху — файл, а не тека\n"}}) {
        auto r = run("progress --reset --lang " + lang, env);
        INFO(lang);
        CHECK(r.status == 73);
        CHECK(r.err == words);
        CHECK(r.out.empty());  // no "Progress cleared."
    }
    // Where it can be kept, it is cleared as before.
    const std::string good = scratch("good-state");
    auto ok = run("progress --reset", "XDG_STATE_HOME=" + good);
    CHECK(ok.status == 0);
    CHECK(ok.out == "Progress cleared.\n");
    CHECK(std::filesystem::is_directory(good + "/asyncdemo"));
}

TEST_CASE("the tour where progress cannot be kept: said once, and the tour goes on") {
    const std::string state = blocked_state();
    for (const auto& [lang, warning, finished] :
         {std::tuple<std::string, std::string, std::string>{
              "en",
              "⚠ Your progress is not being kept (" + state +
                  "/asyncdemo: a part of the path is a file, not a folder); the tour goes on "
                  "without saving it.",
              "You finished the tour"},
          {"pt-BR",
           "⚠ Seu progresso não está sendo guardado (" + state +
               "/asyncdemo: uma parte do caminho é um arquivo, não uma pasta); o tour continua "
               "sem salvá-lo.",
           "Você terminou o tour"},
          {"uk",
           "⚠ Ваш прогрес не зберігається (" + state +
               "/asyncdemo: частина шляху — файл, а не тека); тур триває без збереження.",
           "Ви пройшли тур"}}) {
        auto r = run("tour --from 41 --no-pause --clock virtual --lang " + lang,
                     "XDG_STATE_HOME=" + state);
        INFO(lang, r.err);
        CHECK(r.status == 0);
        CHECK(r.err.empty());  // no internal error
        CHECK(count(r.out, warning) == 1);
        CHECK(r.out.find(finished) != std::string::npos);  // both lessons ran to the end
    }
}

TEST_CASE("quitting a tour whose progress is not kept does not claim the place is saved") {
    const std::string state = blocked_state();
    const std::string input = scratch("quit.txt");
    std::ofstream(input) << "q\n";
    auto r = run("tour --from 11 --clock virtual < " + input, "XDG_STATE_HOME=" + state);
    CHECK(r.status == 0);
    CHECK(r.out.find("Your place is saved") == std::string::npos);
    CHECK(r.out.find("Your place was not saved; next time, 'asyncdemo tour --from 11' goes on "
                     "from here.") != std::string::npos);
}
