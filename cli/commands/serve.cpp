#include "commands/serve.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <memory>
#include <ostream>

#include "asyncio/run.hpp"
#include "asyncio/sleep.hpp"
#include "exit_codes.hpp"
#include "i18n/format.hpp"
#include "i18n/messages.hpp"
#include "i18n/width.hpp"
#include "server/http_server.hpp"
#include "system_failure.hpp"
#include "usage_error.hpp"

namespace {

int parse_port(const std::string& text) {
    int port = -1;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
    if (ec != std::errc{} || end != text.data() + text.size() || port < 0 || port > 65535)
        throw UsageError("error.bad_port", {{"value", text}});
    return port;
}

// The message key that says what a built-in route does.
std::string route_key(std::string_view route) {
    std::string key = "serve.route.";
    key += route.substr(1);
    return key;
}

void print_banner(const CommandContext& context, const lesson_server::Server& server) {
    auto& out = *context.out;
    const auto language = context.language;
    out << i18n::tr(language, "serve.listening", {{"url", server.url("")}}) << "\n\n"
        << i18n::tr(language, "serve.routes") << "\n";
    int width = 0;
    for (const auto& r : lesson_server::builtin_routes())
        width = std::max(width, i18n::display_width(server.url(r.example)));
    for (const auto& r : lesson_server::builtin_routes())
        out << "  " << i18n::pad_right(server.url(r.example), width) << "  "
            << i18n::tr(language, route_key(r.route)) << "\n";
    out << i18n::tr(language, "serve.delay_note", {{"example", server.url("/status/503?delay=1")}})
        << "\n"
        << i18n::tr(language, "serve.stop_hint") << "\n\n";
    out.flush();
}

void print_request(const CommandContext& context, const lesson_server::RequestRecord& r) {
    const auto language = context.language;
    const std::string seconds = i18n::format_timestamp(language, r.latency);
    if (r.status == 0)
        *context.out << i18n::tr(
            language, "serve.request_abandoned",
            {{"method", r.method}, {"target", r.target}, {"seconds", seconds}});
    else
        *context.out << i18n::tr(language, "serve.request",
                                 {{"method", r.method},
                                  {"target", r.target},
                                  {"status", static_cast<std::int64_t>(r.status)},
                                  {"seconds", seconds}});
    *context.out << "\n";
    context.out->flush();  // one line as each request ends, also into a pipe
}

}  // namespace

int command_serve(const CommandContext& context, const std::string& port_text) {
    const int port = parse_port(port_text);
    asyncio::RunOptions options;
    options.handle_sigint = true;  // Ctrl-C cancels main, whose server then closes
    options.main_name = "serve";
    try {
        asyncio::run(
            [&]() -> asyncio::Coroutine<> {
                lesson_server::Server server(asyncio::EventLoop::current(), {.port = port});
                server.on_request(
                    [&](const lesson_server::RequestRecord& r) { print_request(context, r); });
                print_banner(context, server);
                for (;;) co_await asyncio::sleep(3600);  // until Ctrl-C
            }(),
            options);
    } catch (const asyncio::KeyboardInterrupt&) {
        *context.out << i18n::tr(context.language, "serve.stopped") << "\n";
        context.out->flush();
        return exit_interrupted;
    } catch (const lesson_server::AddressInUse& e) {
        throw SystemFailure(exit_unavailable, "error.port_in_use",
                            {{"port", static_cast<std::int64_t>(e.port())}});
    } catch (const asyncio::RuntimeError& e) {
        throw SystemFailure(
            exit_unavailable, "error.serve_failed",
            {{"port", static_cast<std::int64_t>(port)}, {"detail", std::string(e.what())}});
    }
    return exit_ok;
}

Command add_serve_command(CLI::App& app, const CommandSetup& setup) {
    auto port = std::make_shared<std::string>("8080");
    auto* serve = setup.add(app, "serve");
    serve->add_option("--port", *port, setup.text("help.opt.serve.port"))->type_name("N");

    Command command;
    command.app = serve;
    command.run = [port](const CommandContext& context) { return command_serve(context, *port); };
    return command;
}
