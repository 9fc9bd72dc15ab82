# Writes a C++ source with the text of every lesson program and twin, for `asyncdemo show`.
# Usage: cmake -DLIST=files.txt -DOUTPUT=out.cpp [-DFUNCTION=name] -P embed_sources.cmake (one
# path per line). FUNCTION names the lookup (lesson_source unless given; exercise_source).
include(${CMAKE_CURRENT_LIST_DIR}/embed_bytes.cmake)
if(NOT FUNCTION)
  set(FUNCTION lesson_source)
endif()
file(STRINGS "${LIST}" files)
set(names "")
set(hexes "")
foreach(path ${files})
  get_filename_component(name ${path} NAME)
  file(READ "${path}" content HEX)
  list(APPEND names "${name}")
  list(APPEND hexes "${content}")
endforeach()
write_embedded_table("${OUTPUT}" ${FUNCTION} "${names}" "${hexes}" "cmake/embed_sources.cmake")
