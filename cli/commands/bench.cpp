#include "commands/bench.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>

#include "i18n/messages.hpp"
#include "i18n/width.hpp"
#include "usage_error.hpp"
#include "workloads.hpp"

#ifndef ASYNCDEMO_SOURCE_DIR
#define ASYNCDEMO_SOURCE_DIR ""
#endif

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::array<std::string_view, 7> workload_names = {"w1", "w2", "w3", "w4", "w5", "w6", "w7"};

// How a figure reads and which way is better.
enum class Unit { seconds, per_second, bytes, millis };

struct Row {
    std::string measure_key;
    std::string cpp_field, py_field;
    Unit unit;
    bool higher_is_better;
    bool never_early = false;  // W6's minimum: a sign, not a ratio
};

struct Workload {
    std::string name;
    std::vector<std::string> args;  // as py_bench.py takes them
    std::function<json()> run_cpp;
    std::vector<Row> rows;
};

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::optional<std::string> find_in_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    if (!path) return std::nullopt;
    std::stringstream dirs(path);
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        const fs::path candidate = fs::path(dir) / program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return std::nullopt;
}

// Runs a command through the shell; its last line of output parsed as JSON, or null.
json run_json_command(const std::string& command) {
    FILE* pipe = ::popen((command + " 2>/dev/null").c_str(), "r");
    if (!pipe) return nullptr;
    std::string out;
    std::array<char, 4096> buffer{};
    while (auto n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
    if (::pclose(pipe) != 0) return nullptr;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    const auto start = out.rfind('\n');
    const std::string last = start == std::string::npos ? out : out.substr(start + 1);
    json parsed = json::parse(last, nullptr, false);
    return parsed.is_discarded() ? json(nullptr) : parsed;
}

std::string self_path() {
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : p.string();
}

std::int64_t arg_int(const std::vector<std::string>& args, std::size_t i) {
    return std::stoll(args.at(i));
}

// Appends one workload: its name, its arguments, its C++ run and the rows of its figures.
struct Adder {
    std::vector<Workload>& all;
    void operator()(std::string name, std::vector<std::string> args, std::function<json()> run,
                    std::vector<Row> rows) {
        all.push_back({std::move(name), std::move(args), std::move(run), std::move(rows)});
    }
};

// The workloads of tasks and switches (W1 to W3), then of queues, threads, timers and
// start-up (W4 to W7), with their arguments at full size or --quick.
void plan_tasks(bool quick, std::vector<Workload>& all) {
    Adder add{all};
    const std::vector<std::string> a1 = quick ? std::vector<std::string>{"20000", "0.2"}
                                              : std::vector<std::string>{"1000000", "1.0"};
    add("w1", a1,
        [a1] {
            const auto r = bench::w1(arg_int(a1, 0), std::stod(a1[1]));
            return json{{"create_s", r.create_s},
                        {"wall_s", r.wall_s},
                        {"overhead_s", r.overhead_s},
                        {"maxrss_kib", r.maxrss_kib},
                        {"empty_maxrss_kib", r.empty_maxrss_kib},
                        {"rss_per_task_bytes", r.rss_per_task_bytes}};
        },
        {{"bench.m.overhead", "overhead_s", "overhead_s", Unit::seconds, false},
         {"bench.m.create", "create_s", "create_s", Unit::seconds, false},
         {"bench.m.rss_task", "rss_per_task_bytes", "rss_per_task_bytes", Unit::bytes, false}});
    const std::vector<std::string> a2 =
        quick ? std::vector<std::string>{"100", "100"} : std::vector<std::string>{"1000", "1000"};
    add("w2", a2,
        [a2] {
            const auto r = bench::w2(arg_int(a2, 0), arg_int(a2, 1));
            return json{{"wall_s", r.wall_s}, {"switches_per_s", r.switches_per_s}};
        },
        {{"bench.m.switches", "switches_per_s", "switches_per_s", Unit::per_second, true}});
    const std::vector<std::string> a3 =
        quick ? std::vector<std::string>{"20", "100"} : std::vector<std::string>{"100", "1000"};
    add("w3", a3,
        [a3] {
            const auto r = bench::w3(arg_int(a3, 0), arg_int(a3, 1));
            return json{{"wall_s", r.wall_s}, {"acq_per_s", r.acq_per_s}, {"count", r.count}};
        },
        {{"bench.m.acquisitions", "acq_per_s", "acq_per_s", Unit::per_second, true}});
}

void plan_others(bool quick, std::vector<Workload>& all) {
    const int startup_repeats = quick ? 3 : 5;
    Adder add{all};
    const std::vector<std::string> a4 = quick ? std::vector<std::string>{"20000", "100"}
                                              : std::vector<std::string>{"1000000", "100"};
    add("w4", a4,
        [a4] {
            const auto r = bench::w4(arg_int(a4, 0), arg_int(a4, 1));
            return json{{"wall_s", r.wall_s}, {"items_per_s", r.items_per_s}, {"sum", r.sum}};
        },
        {{"bench.m.items", "items_per_s", "items_per_s", Unit::per_second, true}});
    const std::vector<std::string> a5 =
        quick ? std::vector<std::string>{"500", "50"} : std::vector<std::string>{"10000", "100"};
    add("w5", a5,
        [a5] {
            const auto r = bench::w5(arg_int(a5, 0), arg_int(a5, 1));
            return json{{"wall_s", r.wall_s},
                        {"calls_per_s", r.calls_per_s},
                        {"done", r.done},
                        {"pool_threads", r.pool_threads}};
        },
        {{"bench.m.calls", "calls_per_s", "calls_per_s", Unit::per_second, true}});
    const std::vector<std::string> a6 = quick ? std::vector<std::string>{"200", "100", "42"}
                                              : std::vector<std::string>{"1000", "200", "42"};
    add("w6", a6,
        [a6] {
            const auto r = bench::w6(arg_int(a6, 0), arg_int(a6, 1),
                                     static_cast<std::uint64_t>(std::stoull(a6[2])));
            return json{{"wall_s", r.wall_s},
                        {"delay_sum_ms", r.delay_sum_ms},
                        {"late_min_ms", r.late_min_ms},
                        {"late_p50_ms", r.late_p50_ms},
                        {"late_p99_ms", r.late_p99_ms},
                        {"late_max_ms", r.late_max_ms},
                        {"late_mean_ms", r.late_mean_ms}};
        },
        {{"bench.m.late_p50", "late_p50_ms", "late_p50_ms", Unit::millis, false},
         {"bench.m.late_p99", "late_p99_ms", "late_p99_ms", Unit::millis, false},
         {"bench.m.late_max", "late_max_ms", "late_max_ms", Unit::millis, false},
         {"bench.m.late_min", "late_min_ms", "late_min_ms", Unit::millis, false, true}});
    add("w7", {std::to_string(startup_repeats)},
        [startup_repeats] {
            const double s =
                bench::process_startup_s({self_path(), "bench", "empty"}, startup_repeats);
            return json{{"startup_s", s}, {"repeats", startup_repeats}};
        },
        {{"bench.m.startup", "startup_s", "startup_s", Unit::seconds, false}});
}

std::vector<Workload> plan(bool quick) {
    std::vector<Workload> all;
    plan_tasks(quick, all);
    plan_others(quick, all);
    return all;
}

// The Python side of one workload, or null.
json run_python(const std::string& python, const std::string& py_bench, const Workload& w) {
    if (w.name == "w7") {
        // A whole process, as the README's target: interpreter start-up and `import asyncio`.
        const int repeats = std::stoi(w.args[0]);
        const double s = bench::process_startup_s(
            {python, "-c", "import asyncio; asyncio.run(asyncio.sleep(0))"}, repeats);
        if (s < 0) return nullptr;
        return json{{"startup_s", s}, {"repeats", repeats}};
    }
    std::string command = shell_quote(python) + " " + shell_quote(py_bench) + " " + w.name;
    for (const auto& a : w.args) command += " " + a;
    json result = run_json_command(command);
    if (result.is_null() || w.name != "w1") return result;
    // Peak RSS per task: W1's ru_maxrss minus an empty run's, as the README measures it.
    json empty = run_json_command(shell_quote(python) + " " + shell_quote(py_bench) + " empty");
    if (!empty.is_null() && result.contains("maxrss_kib_inproc") &&
        empty.contains("maxrss_kib_inproc")) {
        const double n = std::stod(w.args[0]);
        const double kib =
            result["maxrss_kib_inproc"].get<double>() - empty["maxrss_kib_inproc"].get<double>();
        result["empty_maxrss_kib"] = empty["maxrss_kib_inproc"];
        result["rss_per_task_bytes"] = kib * 1024.0 / n;
    }
    return result;
}

std::string localize_number(i18n::Language language, std::string text) {
    if (language != i18n::Language::en)
        for (char& c : text)
            if (c == '.') c = ',';
    return text;
}

std::string format_figure(i18n::Language language, double v, Unit unit) {
    std::string text;
    switch (unit) {
        case Unit::seconds:
            text =
                std::abs(v) >= 1 ? fmt::format("{:.2f} s", v) : fmt::format("{:.1f} ms", v * 1e3);
            break;
        case Unit::millis:
            text = fmt::format("{:.3f} ms", v);
            break;
        case Unit::bytes:
            text = fmt::format("{:.0f} B", v);
            break;
        case Unit::per_second:
            text = v >= 1e6   ? fmt::format("{:.2f} M/s", v / 1e6)
                   : v >= 1e3 ? fmt::format("{:.1f} k/s", v / 1e3)
                              : fmt::format("{:.0f} /s", v);
            break;
    }
    return localize_number(language, text);
}

std::string format_ratio(i18n::Language language, const Row& row, double cpp, double py) {
    if (row.never_early)
        return cpp >= 0 ? i18n::tr(language, "bench.never_early")
                        : i18n::tr(language, "bench.early");
    if (!(cpp > 0) || !(py > 0) || !std::isfinite(cpp) || !std::isfinite(py)) return "—";
    double r = row.higher_is_better ? cpp / py : py / cpp;
    const bool better = r >= 1;
    if (!better) r = 1 / r;
    if (r < 1.05) return i18n::tr(language, "bench.same");
    const std::string number =
        localize_number(language, r >= 10 ? fmt::format("{:.0f}", r) : fmt::format("{:.1f}", r));
    const bool speed = row.unit == Unit::seconds || row.unit == Unit::per_second;
    const char* key =
        speed ? (better ? "bench.faster" : "bench.slower") : (better ? "bench.less" : "bench.more");
    return i18n::tr(language, key, {{"ratio", number}});
}

double field(const json& figures, const std::string& name) {
    if (!figures.is_object() || !figures.contains(name) || !figures[name].is_number())
        return std::nan("");
    return figures[name].get<double>();
}

}  // namespace

std::string find_py_bench() {
    if (const char* env = std::getenv("ASYNCDEMO_PY_BENCH"); env && *env)
        return fs::exists(env) ? std::string(env) : std::string();
    const std::string source = ASYNCDEMO_SOURCE_DIR;
    if (source.empty()) return {};
    const fs::path p = fs::path(source) / ".." / "shared" / "bench" / "py_bench.py";
    std::error_code ec;
    return fs::exists(p, ec) ? fs::weakly_canonical(p, ec).string() : std::string();
}

namespace {

// One row of the table: the workload (on its first row only), what is measured, both figures
// and their ratio.
struct Line {
    std::string workload, measure, cpp, py, ratio;
};

// The workloads asked for (all when none), in the usual order, each once: W1 first, because
// its RSS figure is a high-water mark. A UsageError names the valid ones.
std::vector<std::string> chosen_workloads(const std::vector<std::string>& asked) {
    std::string valid;
    for (auto n : workload_names) valid += (valid.empty() ? "" : ", ") + std::string(n);
    for (const auto& name : asked) {
        bool known = false;
        for (auto n : workload_names) known = known || n == name;
        if (!known)
            throw UsageError("error.unknown_workload", {{"workload", name}, {"valid", valid}});
    }
    std::vector<std::string> chosen;
    for (auto n : workload_names) {
        const bool wanted =
            asked.empty() || std::find(asked.begin(), asked.end(), n) != asked.end();
        if (wanted) chosen.emplace_back(n);
    }
    return chosen;
}

// CPython's side of the comparison: python3 and py_bench.py, where found.
struct PythonSide {
    std::optional<std::string> python;
    std::string py_bench;
    std::string version;
    bool usable() const { return python && !py_bench.empty(); }
};

PythonSide find_python_side() {
    PythonSide side;
    side.python = find_in_path("python3");
    side.py_bench = find_py_bench();
    if (side.python) {
        json v =
            run_json_command(shell_quote(*side.python) +
                             " -c 'import json,sys; print(json.dumps(sys.version.split()[0]))'");
        if (v.is_string()) side.version = v.get<std::string>();
    }
    return side;
}

// The table rows of one workload's figures.
void add_lines(i18n::Language language, const Workload& w, const json& cpp, const json& py,
               std::vector<Line>& lines) {
    bool first = true;
    for (const auto& row : w.rows) {
        const double c = field(cpp, row.cpp_field);
        const double p = field(py, row.py_field);
        std::string label = w.name;
        if (first && w.name != "w7") {
            for (const auto& a : w.args) label += " " + a;
        }
        lines.push_back({first ? label : "", i18n::tr(language, row.measure_key),
                         std::isfinite(c) ? format_figure(language, c, row.unit) : "—",
                         std::isfinite(p) ? format_figure(language, p, row.unit) : "—",
                         std::isfinite(c) ? format_ratio(language, row, c, p) : "—"});
        first = false;
    }
}

void print_table(const CommandContext& context, bool quick, const PythonSide& side,
                 const std::vector<Line>& lines) {
    const auto language = context.language;
    const auto& style = context.style;
    auto& out = *context.out;
    out << style.bold(i18n::tr(language, quick ? "bench.heading_quick" : "bench.heading")) << "\n";
    if (!side.python)
        out << i18n::tr(language, "bench.no_python") << "\n";
    else if (side.py_bench.empty())
        out << i18n::tr(language, "bench.no_py_bench") << "\n";
    else
        out << i18n::tr(language, "bench.python",
                        {{"version", side.version}, {"path", side.py_bench}})
            << "\n";
    out << "\n";
    Line header{i18n::tr(language, "bench.col.workload"), i18n::tr(language, "bench.col.measure"),
                "C++", "Python", i18n::tr(language, "bench.col.ratio")};
    std::array<int, 4> width{};
    auto widen = [&](const Line& l) {
        width[0] = std::max(width[0], i18n::display_width(l.workload));
        width[1] = std::max(width[1], i18n::display_width(l.measure));
        width[2] = std::max(width[2], i18n::display_width(l.cpp));
        width[3] = std::max(width[3], i18n::display_width(l.py));
    };
    widen(header);
    for (const auto& l : lines) widen(l);
    auto print = [&](const Line& l) {
        out << i18n::pad_right(l.workload, width[0]) << "  " << i18n::pad_right(l.measure, width[1])
            << "  " << i18n::pad_left(l.cpp, width[2]) << "  " << i18n::pad_left(l.py, width[3])
            << "  " << l.ratio << "\n";
    };
    out << style.bold(i18n::pad_right(header.workload, width[0]) + "  " +
                      i18n::pad_right(header.measure, width[1]) + "  " +
                      i18n::pad_left(header.cpp, width[2]) + "  " +
                      i18n::pad_left(header.py, width[3]) + "  " + header.ratio)
        << "\n";
    for (const auto& l : lines) print(l);
    out << "\n" << style.dim(i18n::tr(language, "bench.footer")) << "\n";
}

}  // namespace

int command_bench(const CommandContext& context, const BenchRequest& request) {
    const auto language = context.language;
    if (request.workloads.size() == 1 && request.workloads[0] == "empty") {
        bench::empty_run();
        return 0;
    }
    const auto chosen = chosen_workloads(request.workloads);
    const auto side = find_python_side();
    json report = {{"quick", request.quick},
                   {"python", side.usable() ? json(*side.python) : json(nullptr)},
                   {"python_version", side.version.empty() ? json(nullptr) : json(side.version)},
                   {"py_bench", side.py_bench.empty() ? json(nullptr) : json(side.py_bench)},
                   {"workloads", json::array()}};
    std::vector<Line> lines;
    for (const auto& w : plan(request.quick)) {
        if (std::find(chosen.begin(), chosen.end(), w.name) == chosen.end()) continue;
        if (!request.as_json)
            std::cerr << i18n::tr(language, "bench.running", {{"workload", w.name}}) << "\n";
        json cpp = w.run_cpp();
        json py = nullptr;
        if (w.name == "w7" ? side.python.has_value() : side.usable())
            py = run_python(*side.python, side.py_bench, w);
        report["workloads"].push_back(
            {{"workload", w.name}, {"args", w.args}, {"cpp", cpp}, {"python", py}});
        add_lines(language, w, cpp, py, lines);
    }
    if (request.as_json) {
        *context.out << report.dump() << "\n";
        return 0;
    }
    print_table(context, request.quick, side, lines);
    return 0;
}

Command add_bench_command(CLI::App& app, const CommandSetup& setup) {
    auto request = std::make_shared<BenchRequest>();
    auto* bench = setup.add(app, "bench");
    bench
        ->add_option(setup.text("help.arg.workload"), request->workloads,
                     setup.text("help.opt.bench.workload"))
        ->type_name("");
    bench->add_flag("--quick", request->quick, setup.text("help.opt.bench.quick"));
    bench->add_flag("--json", request->as_json, setup.text("help.opt.bench.json"));

    Command command;
    command.app = bench;
    // The workloads need no lesson: start-up (W7 times `bench empty`) skips the catalogue.
    command.loads_catalogue = false;
    command.writes_data = [request] { return request->as_json; };
    command.run = [request](const CommandContext& context) {
        return command_bench(context, *request);
    };
    return command;
}
