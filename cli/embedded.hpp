#pragma once
// Files built into the binary (see cmake/embed.cmake).
#include <string_view>

namespace embedded {
std::string_view lessons_json();
std::string_view messages_json();
// The same two split when the program is built, so that start-up parses only what a command
// needs. messages.json as {key: text} in one language ("en", "pt-BR", "uk"), without the notes
// (cmake/embed_messages.cmake). From lessons.json (cmake/embed_lessons.cmake): "outline" (its
// format_version, lines, parts, and of each lesson its number, slug, part and title), or
// "0", "1"... (the lesson at that index of "lessons", whole). Empty for any other name, and
// every part of lessons.json is empty when the build could not read it as a catalogue.
std::string_view messages_in(std::string_view language);
std::string_view lessons_part(std::string_view name);
// cli/trace/asyncdemo_trace.py, run by `asyncdemo trace` with python3 -c.
std::string_view trace_module();
// cli/render/html/: the replay page (--html), its style and its script.
std::string_view replay_page();
std::string_view replay_style();
std::string_view replay_script();
// The text of lessons/NAME (a lesson program or its twin); empty when there is none.
std::string_view lesson_source(std::string_view name);
// exercises/exercises.json, and the text of exercises/NAME (a starter or a solution).
std::string_view exercises_json();
std::string_view exercise_source(std::string_view name);
}  // namespace embedded
