#pragma once
// A quick look into JSON text that the program itself carries (messages.json, lessons.json):
// where each member of an object and each item of a list starts and ends, without building a
// document. Start-up reads only the few slices a command needs this way (nlohmann::json
// then parses just those); a full parse of both files was most of a start-up's time.
// It checks only what it needs to find its way: anything odd gives nullopt, and the caller
// falls back to the full, checking parse, which words the error.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace json_scan {

// A member of an object: its key (the raw text between the quotes) and its value's text.
struct Member {
    std::string_view key;
    std::string_view value;
};

// The members of the object `text` (surrounding white space allowed), in order.
std::optional<std::vector<Member>> members(std::string_view text);
// The items of the list `text`, in order.
std::optional<std::vector<std::string_view>> items(std::string_view text);
// The text of a JSON string value (`"..."`, escapes decoded); nullopt when it is not one.
std::optional<std::string> string_value(std::string_view text);

}  // namespace json_scan
