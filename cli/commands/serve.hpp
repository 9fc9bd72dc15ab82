#pragma once
#include <string>

#include "commands/command.hpp"

// asyncdemo serve [--port N]: the lessons' HTTP test server on its own, on 127.0.0.1 only and
// the real clock, so a class can point the tutorials' aiohttp or requests code at it. Prints
// its address, its routes with an example of each, then one line per request; Ctrl-C stops it
// (exit 130). A taken port is exit 69, naming the port; a bad --port is exit 64.
Command add_serve_command(CLI::App& app, const CommandSetup& setup);
int command_serve(const CommandContext& context, const std::string& port);
