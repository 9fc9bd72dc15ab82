# Writes a C++ source holding the bytes of a file, so the binary carries its catalogue and
# messages and runs from anywhere. Usage: cmake -DINPUT=f -DOUTPUT=f.cpp -DNAME=fn -P embed.cmake
include(${CMAKE_CURRENT_LIST_DIR}/embed_bytes.cmake)
file(READ "${INPUT}" content HEX)
embed_initializer("${content}" bytes size)
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/embed.cmake. Do not edit.\n#include <string_view>\nnamespace embedded {\nnamespace {\nconstexpr char data[] = {\n${bytes}};\n}\nstd::string_view ${NAME}() { return {data, ${size}}; }\n}  // namespace embedded\n")
