// --svg and --trace onto what is not a plain new file: FIFOs, devices, this process's stdout,
// symlinks, a shared folder where someone planted PATH.tmp, a folder that cannot be written.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "run_binary.hpp"
#include "shell.hpp"

using cli_test::read_file;
using cli_test::run;
using cli_test::scratch;
using cli_test::shell;
namespace fs = std::filesystem;

namespace {

bool is_svg(const std::string& text) {
    return text.rfind("<?xml", 0) == 0 && text.find("</svg>") != std::string::npos;
}

// A fresh folder of its own for each case, so that stray files can be counted.
fs::path folder(const std::string& name) {
    const fs::path dir = scratch("out-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

}  // namespace

TEST_CASE("--svg onto a FIFO writes through to its reader and leaves the FIFO in place") {
    const auto dir = folder("fifo");
    const auto fifo = (dir / "picture.svg").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] { received = read_file(fifo); });
    auto r = run("run gather --clock virtual --svg " + fifo);
    reader.join();
    CHECK(r.status == 0);
    CHECK(is_svg(received));
    CHECK(fs::is_fifo(fifo));
    CHECK(entries(dir) == 1);  // no temporary file beside it
}

TEST_CASE("--svg /dev/stdout into a pipe: the picture alone on stdout, the run on stderr") {
    auto r = run("run gather --clock virtual --svg /dev/stdout");
    CHECK(r.status == 0);
    CHECK(r.out.starts_with("<?xml"));
    CHECK(is_svg(r.out));
    CHECK(r.err.find("What to notice") != std::string::npos);
    // With --json too, the report goes with the rest of the run's words, to stderr.
    auto json = shell("\"$ASYNCDEMO\" run gather --clock virtual --svg /dev/stdout --json");
    CHECK(json.status == 0);
    CHECK(is_svg(json.out));
    CHECK(json.err.find("\"lesson\": \"gather\"") != std::string::npos);
    // As a class would use it: the picture piped straight into a converter.
    auto png = shell(
        "\"$ASYNCDEMO\" run gather --clock virtual --svg /dev/stdout 2>/dev/null"
        " | rsvg-convert | head -c 4 | od -An -c");
    CHECK(png.status == 0);
    CHECK(png.out.find("P   N   G") != std::string::npos);
    auto both = shell(
        "\"$ASYNCDEMO\" compare sequential gather --clock virtual"
        " --svg /dev/stdout 2>/dev/null");
    CHECK(both.status == 0);
    CHECK(is_svg(both.out));
}

TEST_CASE("--svg onto a device writes through; /dev/full's error is reported with exit 74") {
    auto null = run("run gather --clock virtual --svg /dev/null");
    CHECK(null.status == 0);
    CHECK(fs::is_character_file("/dev/null"));
    for (const auto& [lang, words] :
         {std::pair<std::string, std::string>{"en", "cannot write /dev/full: no space left"},
          {"pt-BR", "não foi possível gravar /dev/full: não há espaço livre"},
          {"uk", "не вдалося записати /dev/full: на диску не лишилося місця"}}) {
        auto full = run("run gather --clock virtual --svg /dev/full --lang " + lang);
        INFO(lang, full.err);
        CHECK(full.status == 74);
        CHECK(full.err.find(words) != std::string::npos);
        CHECK(fs::is_character_file("/dev/full"));
    }
}

TEST_CASE("--svg through a symlink replaces the file it points at; the link stays a link") {
    const auto dir = folder("link");
    std::ofstream(dir / "real.svg") << "old picture\n";
    ::chmod((dir / "real.svg").c_str(), 0640);
    fs::create_symlink("real.svg", dir / "link.svg");
    auto r = run("run gather --clock virtual --svg " + (dir / "link.svg").string());
    CHECK(r.status == 0);
    CHECK(fs::is_symlink(fs::symlink_status(dir / "link.svg")));
    CHECK(fs::read_symlink(dir / "link.svg") == "real.svg");
    CHECK(is_svg(read_file((dir / "real.svg").string())));
    struct stat st {};
    REQUIRE(::stat((dir / "real.svg").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);  // the file keeps its permissions
    CHECK(entries(dir) == 2);
}

TEST_CASE("a symlink planted at PATH.tmp is never followed, and its target is untouched") {
    const auto dir = folder("planted");
    std::ofstream(dir / "victim") << "precious\n";
    fs::create_symlink(dir / "victim", dir / "p.svg.tmp");
    auto r = run("run gather --clock virtual --svg " + (dir / "p.svg").string());
    CHECK(r.status == 0);
    CHECK(read_file((dir / "victim").string()) == "precious\n");
    CHECK(fs::is_symlink(fs::symlink_status(dir / "p.svg.tmp")));
    CHECK(fs::read_symlink(dir / "p.svg.tmp") == dir / "victim");
    CHECK(is_svg(read_file((dir / "p.svg").string())));
    CHECK(entries(dir) == 3);
}

TEST_CASE("a user's own PATH.tmp survives --svg PATH and --trace PATH") {
    const auto dir = folder("own-tmp");
    std::ofstream(dir / "q.svg.tmp") << "my notes\n";
    std::ofstream(dir / "t.json.tmp") << "more notes\n";
    auto r = run("run gather --clock virtual --svg " + (dir / "q.svg").string() + " --trace " +
                 (dir / "t.json").string());
    CHECK(r.status == 0);
    CHECK(read_file((dir / "q.svg.tmp").string()) == "my notes\n");
    CHECK(read_file((dir / "t.json.tmp").string()) == "more notes\n");
    CHECK(is_svg(read_file((dir / "q.svg").string())));
    CHECK(read_file((dir / "t.json").string()).find("traceEvents") != std::string::npos);
    CHECK(entries(dir) == 4);
}

TEST_CASE("a folder that cannot be written: a clear message before the run, exit 64") {
    const auto dir = folder("read-only");
    fs::create_directories(dir / "locked");
    fs::permissions(dir / "locked", fs::perms::owner_read | fs::perms::owner_exec |
                                        fs::perms::group_read | fs::perms::group_exec |
                                        fs::perms::others_read | fs::perms::others_exec);
    // root writes anywhere: the program then runs as nobody, as a student would be.
    const std::string as_user =
        ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    const std::string target = (dir / "locked" / "x.svg").string();
    for (const auto& [lang, words] :
         {std::pair<std::string, std::string>{"en",
                                              "cannot write " + target + ": permission denied"},
          {"pt-BR", "não foi possível gravar " + target + ": permissão negada"},
          {"uk", "не вдалося записати " + target + ": доступ заборонено"}}) {
        auto r = shell(as_user + "\"$ASYNCDEMO\" run gather --clock virtual --lang " + lang +
                       " --svg " + target);
        INFO(lang, r.err);
        CHECK(r.status == 64);
        CHECK(r.err.find(words) != std::string::npos);
        CHECK(r.out.find("What the tasks print") == std::string::npos);  // stopped before the run
    }
    CHECK(entries(dir / "locked") == 0);
}
