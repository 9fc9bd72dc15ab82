# JSON written back by the build's scripts (embed_messages.cmake, embed_lessons.cmake), with
# CMake's string(JSON): compact, and with text kept as UTF-8 (string(JSON ... GET) of an
# object would spell every non-ASCII letter as \uXXXX and indent it, making the program's
# copy bigger and slower to read).

# The control characters that JSON spells \u00XX (rare in text; \t, \n and \r have names).
string(ASCII 1 2 3 4 5 6 7 8 11 12 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
       json_controls)

# `text` as a JSON string, quotes included.
function(json_quote text out)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  string(REPLACE "\r" "\\r" text "${text}")
  if(text MATCHES "[${json_controls}]")
    foreach(code RANGE 1 31)
      string(ASCII ${code} character)
      string(HEX "${character}" digits)
      string(REPLACE "${character}" "\\u00${digits}" text "${text}")
    endforeach()
  endif()
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

# The member (or item) `key` of the object (or list) `json`, written as JSON.
function(json_member json key out)
  string(JSON type TYPE "${json}" "${key}")
  string(JSON value GET "${json}" "${key}")
  if(type STREQUAL "STRING")
    json_quote("${value}" value)
  elseif(type STREQUAL "BOOLEAN")
    if(value)
      set(value true)
    else()
      set(value false)
    endif()
  elseif(type STREQUAL "NULL")
    set(value null)
  elseif(type STREQUAL "OBJECT" OR type STREQUAL "ARRAY")
    json_compact("${value}" value)
  endif()  # a NUMBER as it is
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# The object or list `json`, written compactly.
function(json_compact json out)
  string(JSON type TYPE "${json}")
  string(JSON count LENGTH "${json}")
  set(items "")
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(index RANGE ${last})
      if(type STREQUAL "OBJECT")
        string(JSON key MEMBER "${json}" ${index})
        json_member("${json}" "${key}" value)
        json_quote("${key}" key)
        string(APPEND items ",${key}:${value}")
      else()
        json_member("${json}" ${index} value)
        string(APPEND items ",${value}")
      endif()
    endforeach()
    string(SUBSTRING "${items}" 1 -1 items)
  endif()
  if(type STREQUAL "OBJECT")
    set(${out} "{${items}}" PARENT_SCOPE)
  else()
    set(${out} "[${items}]" PARENT_SCOPE)
  endif()
endfunction()
