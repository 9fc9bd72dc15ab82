# Runs one lesson the way its golden transcript was made and compares the two.
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env COLUMNS=80 NO_COLOR=1 --unset=LANG --unset=LC_ALL --unset=LC_CTYPE
          ${BINARY} run ${SLUG} --clock virtual --lang ${LANG} --color never
  OUTPUT_VARIABLE actual RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "asyncdemo run ${SLUG} --lang ${LANG} exited with ${status}")
endif()
if(DEFINED ENV{UPDATE_GOLDEN})
  file(WRITE ${GOLDEN} "${actual}")
  return()
endif()
file(READ ${GOLDEN} expected)
if(NOT actual STREQUAL expected)
  file(WRITE ${GOLDEN}.actual "${actual}")
  execute_process(COMMAND diff -u ${GOLDEN} ${GOLDEN}.actual)
  message(FATAL_ERROR "transcript differs from ${GOLDEN} (new output in ${GOLDEN}.actual)")
endif()
