# readme_block(TEXT OPEN CLOSE OUT): the inside of the fenced block that sits between the
# markers <!-- OPEN --> and <!-- CLOSE --> of a README's TEXT, without its fences; empty when
# the README has no such markers.
function(readme_block text open close out)
  set(${out} "" PARENT_SCOPE)
  string(FIND "${text}" "<!-- ${open} -->\n```" begin)
  if(begin EQUAL -1)
    return()
  endif()
  string(SUBSTRING "${text}" ${begin} -1 rest)
  string(FIND "${rest}" "\n```\n<!-- ${close} -->" end)
  if(end EQUAL -1)
    message(FATAL_ERROR "README: <!-- ${open} --> has no closing fence and <!-- ${close} -->")
  endif()
  string(SUBSTRING "${rest}" 0 ${end} block)
  # Drop the marker line and the opening fence line (```cpp or ```).
  string(FIND "${block}" "\n" first_newline)
  math(EXPR after_marker "${first_newline} + 1")
  string(SUBSTRING "${block}" ${after_marker} -1 block)
  string(FIND "${block}" "\n" fence_newline)
  math(EXPR after_fence "${fence_newline} + 1")
  string(SUBSTRING "${block}" ${after_fence} -1 block)
  set(${out} "${block}\n" PARENT_SCOPE)
endfunction()
