# Shared by the embed scripts: C++ sources holding bytes, so the binary carries its data and
# runs from anywhere. Bytes travel as hex (two digits a byte, from file(READ ... HEX) or
# string(HEX)): hex has no semicolon, so a CMake list of them keeps each text whole.

# The bytes of `hex` as a C array's initializer: '\xNN', items, sixteen to a line (readable for
# compilers and people), ending with '\0'. `size_out` gets the number of bytes, without it.
function(embed_initializer hex out size_out)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
  set(${out} "${bytes}'\\0'" PARENT_SCOPE)
  set(${size_out} ${size} PARENT_SCOPE)
endfunction()

# Writes `output`, a C++ source defining `std::string_view embedded::FUNCTION(std::string_view
# name)`: the text of each of `names`, whose bytes are the same item of `hexes`; empty for any
# other name. `from` says what the texts were made from, for the generated file's first line.
function(write_embedded_table output function names hexes from)
  set(body "")
  set(table "")
  set(index 0)
  foreach(name hex IN ZIP_LISTS names hexes)
    embed_initializer("${hex}" bytes size)
    string(APPEND body "constexpr char text${index}[] = {\n${bytes}};\n")
    string(APPEND table "    {\"${name}\", {text${index}, ${size}}},\n")
    math(EXPR index "${index} + 1")
  endforeach()
  file(WRITE "${output}" "// Generated from ${from}. Do not edit.\n#include <string_view>\n#include <utility>\nnamespace embedded {\nnamespace {\n${body}constexpr std::pair<std::string_view, std::string_view> texts[] = {\n${table}    {\"\", {}}};\n}  // namespace\nstd::string_view ${function}(std::string_view name) {\n    for (const auto& [key, text] : texts)\n        if (key == name) return text;\n    return {};\n}\n}  // namespace embedded\n")
endfunction()
