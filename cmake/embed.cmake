# Writes a C++ source holding the bytes of a file, so the binary carries its catalogue and
# messages and runs from anywhere. Usage: cmake -DINPUT=f -DOUTPUT=f.cpp -DNAME=fn -P embed.cmake
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
# Line breaks every 16 bytes keep the generated file readable for compilers and people.
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){16})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/embed.cmake. Do not edit.\n#include <string_view>\nnamespace embedded {\nnamespace {\nconstexpr char data[] = {\n${bytes}'\\0'};\n}\nstd::string_view ${NAME}() { return {data, ${size}}; }\n}  // namespace embedded\n")
