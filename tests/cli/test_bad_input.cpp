// The README's table of bad input, kept true: each README (en, pt-BR, uk) has the table between
// <!-- bad-input table --> markers; every row's command is run as a user would type it, with
// LANG in that README's language, and must end with the row's exit code and say the row's text
// (in that language, so the message's language is checked too). A refused command (64) prints
// nothing on stdout; no row may crash, hang or leak.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run_binary.hpp"

namespace {

struct Row {
    std::string name, command, says;  // says: the backquoted text, empty for "nothing"
    int exit_code = -1;
};

// The cells of a Markdown table row; "\|" is a | inside a cell.
std::vector<std::string> cells_of(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    for (std::size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
            cell += '|';
            ++i;
        } else if (line[i] == '|') {
            const auto first = cell.find_first_not_of(' ');
            const auto last = cell.find_last_not_of(' ');
            cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
            cell.clear();
        } else {
            cell += line[i];
        }
    }
    return cells;
}

std::string unquote(const std::string& cell) {
    if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`')
        return cell.substr(1, cell.size() - 2);
    return "";
}

std::vector<Row> table_of(const std::string& readme) {
    const auto text = cli_test::read_file(std::string(SOURCE_DIR) + "/" + readme);
    const auto begin = text.find("<!-- bad-input table -->");
    const auto end = text.find("<!-- /bad-input table -->");
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    std::vector<Row> rows;
    std::istringstream lines(text.substr(begin, end - begin));
    std::string line;
    int seen = 0;
    while (std::getline(lines, line)) {
        if (line.empty() || line[0] != '|' || ++seen <= 2) continue;  // the heading, the rule
        const auto cells = cells_of(line);
        REQUIRE(cells.size() == 4);
        Row row{cells[0], unquote(cells[1]), unquote(cells[3]), std::stoi(cells[2])};
        REQUIRE_MESSAGE(!row.command.empty(), line);
        rows.push_back(row);
    }
    return rows;
}

// The real catalogue with gather's `delays` default written as text: JSON, but a catalogue
// that fails the load-time check (the lesson and the field are named).
std::string damaged_catalogue() {
    auto c = nlohmann::json::parse(cli_test::read_file(std::string(SOURCE_DIR) + "/lessons.json"));
    for (auto& lesson : c["lessons"]) {
        if (lesson["slug"] != "gather") continue;
        for (auto& param : lesson["params"])
            if (param["name"] == "delays") param["default"] = "1,5,3";
    }
    return c.dump(1);
}

// A folder as the table describes it: asyncdemo on PATH, a broken.json, a damaged.json, a
// damaged progress file (written again before each row, as `progress` sets it aside).
class Folder {
  public:
    explicit Folder(const std::string& name) : dir_(cli_test::scratch(name)) {
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_ + "/bin");
        std::filesystem::create_symlink(ASYNCDEMO_BINARY, dir_ + "/bin/asyncdemo");
        std::ofstream(dir_ + "/broken.json") << "{\"lessons\": [\n";
        std::ofstream(dir_ + "/damaged.json") << damaged_catalogue();
    }

    cli_test::Result run(const std::string& command, const std::string& locale) const {
        std::filesystem::create_directories(dir_ + "/state/asyncdemo");
        std::ofstream(dir_ + "/state/asyncdemo/progress.json") << "{\"next_lesson\": ";
        std::ofstream(dir_ + "/case.sh") << "set -o pipefail\n" << command << "\n";
        std::string pass;  // the sanitizers' options, when the suite runs under them
        for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS"})
            if (const char* value = std::getenv(name))
                pass += std::string(" ") + name + "='" + value + "'";
        return cli_test::capture("cd " + dir_ + " && env -i PATH=" + dir_ +
                                     "/bin:/usr/bin:/bin HOME=" + dir_ + " XDG_STATE_HOME=" + dir_ +
                                     "/state COLUMNS=80 LANG=" + locale + pass + " bash case.sh",
                                 dir_ + "/stderr.txt");
    }

  private:
    std::string dir_;
};

void check_table(const std::string& readme, const std::string& locale) {
    const auto rows = table_of(readme);
    CHECK(rows.size() >= 23);  // every case of issue 11's list
    const Folder folder("bad-input-" + locale);
    for (const auto& row : rows) {
        INFO(readme << ": " << row.name << ": " << row.command);
        const auto r = folder.run(row.command, locale);
        INFO("stdout: " << r.out.substr(0, 2000) << "\nstderr: " << r.err);
        CHECK(r.status == row.exit_code);
        CHECK(r.err.find("Sanitizer") == std::string::npos);
        CHECK(r.err.find("runtime error") == std::string::npos);
        CHECK(r.err.find("terminate") == std::string::npos);
        if (row.says.empty()) {
            CHECK(r.err.empty());
        } else if (row.exit_code == 0 || row.exit_code == 65) {
            // `check` reports on stdout, a command refusing a --catalog on stderr.
            CHECK((r.out + r.err).find(row.says) != std::string::npos);
        } else {
            CHECK(r.err.find(row.says) != std::string::npos);
        }
        if (row.exit_code == 64) CHECK(r.out.empty());  // refused before anything started
    }
}

}  // namespace

TEST_CASE("bad input: the README's table is what asyncdemo does, in English") {
    check_table("README.md", "en_US.UTF-8");
}

TEST_CASE("bad input: the README's table is what asyncdemo does, in Portuguese") {
    check_table("README.pt-BR.md", "pt_BR.UTF-8");
}

TEST_CASE("bad input: the README's table is what asyncdemo does, in Ukrainian") {
    check_table("README.uk.md", "uk_UA.UTF-8");
}

TEST_CASE("bad input: the three READMEs list the same cases") {
    const auto en = table_of("README.md");
    for (const char* readme : {"README.pt-BR.md", "README.uk.md"}) {
        const auto other = table_of(readme);
        REQUIRE(other.size() == en.size());
        for (std::size_t i = 0; i < en.size(); ++i) {
            INFO(readme << " row " << i + 1);
            CHECK(other[i].exit_code == en[i].exit_code);
            // The same command, but for the locale a row may name in its own language.
            if (en[i].command.rfind("LANG=", 0) != 0) CHECK(other[i].command == en[i].command);
        }
    }
}

// --catalog FILE is what ASYNCDEMO_CATALOGUE does, and wins over it.
TEST_CASE("bad input: --catalog names the catalogue every command reads, before the variable") {
    const Folder folder("catalog-option");
    const std::string dir = cli_test::scratch("catalog-option");
    auto good =
        nlohmann::json::parse(cli_test::read_file(std::string(SOURCE_DIR) + "/lessons.json"));
    for (auto& lesson : good["lessons"])
        if (lesson["slug"] == "gather") lesson["title"]["en"] = "gather, from the given file";
    std::ofstream(dir + "/good.json") << good.dump(1);

    // The option's file is read, and the variable's broken one is not.
    auto listed = folder.run("ASYNCDEMO_CATALOGUE=broken.json asyncdemo list --catalog good.json",
                             "en_US.UTF-8");
    CHECK(listed.status == 0);
    CHECK(listed.out.find("gather, from the given file") != std::string::npos);
    // The other way round: the option's damaged file is refused, naming it, not the variable's.
    auto refused = folder.run(
        "ASYNCDEMO_CATALOGUE=good.json asyncdemo --catalog damaged.json run gather --clock virtual",
        "en_US.UTF-8");
    CHECK(refused.status == 65);
    CHECK(refused.out.empty());
    CHECK(refused.err.find("damaged.json, lesson gather, field params.delays.default") !=
          std::string::npos);
    CHECK(refused.err.find("json.exception") == std::string::npos);
    // The run uses the file's params too.
    auto run = folder.run("asyncdemo --catalog good.json run gather --clock virtual --json",
                          "en_US.UTF-8");
    CHECK(run.status == 0);
    CHECK(nlohmann::json::parse(run.out)["params"]["delays"] == nlohmann::json::array({1, 5, 3}));
    // `check` without a FILE of its own checks the one --catalog names.
    auto checked = folder.run("asyncdemo --catalog damaged.json check", "pt_BR.UTF-8");
    CHECK(checked.status == 65);
    CHECK(checked.out.find("damaged.json, lição gather, campo params.delays.default: deve ser "
                           "uma lista JSON") != std::string::npos);
    CHECK(folder.run("asyncdemo check --catalog good.json", "en_US.UTF-8").status == 0);
    // A folder is no catalogue: it cannot be read (not "not valid JSON").
    auto folder_given = folder.run("asyncdemo --catalog bin list", "uk_UA.UTF-8");
    CHECK(folder_given.status == 65);
    CHECK(folder_given.err.find("bin: файл не вдається прочитати") != std::string::npos);
    // --catalog without its file is a usage error.
    auto no_value = folder.run("asyncdemo list --catalog", "en_US.UTF-8");
    CHECK(no_value.status == 64);
}
