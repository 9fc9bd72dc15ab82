#pragma once
// `asyncdemo show LESSON --python`: the lesson's Python twin as a program of its own, which a
// student can save and run with `python3 FILE.py` and nothing else installed. From the twin:
// - say("key", name=value, ...) becomes print(f"...") of the line's text in the chosen
//   language (plural blocks and number formatting through two small helpers, added only
//   when used: fmt() and plural());
// - what the twin imports from jobs.py or virtual_clock.py is copied in (with what that
//   uses in turn), and `from lines import say` goes;
// - the param constants (DELAYS = [1, 5, 3]) take the given values.
#include <string>

#include "catalogue/catalogue.hpp"
#include "catalogue/params.hpp"

std::string python_program(const catalogue::Catalogue& catalogue, const catalogue::Lesson& lesson,
                           i18n::Language language, const catalogue::ParamValues& params);
