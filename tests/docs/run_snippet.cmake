# Runs the program built from a README's snippet: it must end with 0 and print exactly the
# README's <!-- snippet output --> block. cmake -DPROGRAM=... -DEXPECTED=file -DREADME=name -P
execute_process(COMMAND ${PROGRAM} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err
                TIMEOUT 50)
file(READ ${EXPECTED} expected)
if(NOT code STREQUAL "0")
  message(FATAL_ERROR "${README}'s runtime snippet ended with ${code}:\n${out}${err}")
endif()
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "${README}'s runtime snippet printed:\n${out}\n"
                      "but the README says, under <!-- snippet output: runtime -->:\n${expected}")
endif()
message(STATUS "${README}'s runtime snippet printed what the README says")
