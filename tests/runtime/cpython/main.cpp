// CPython's own asyncio tests (Lib/test/test_asyncio), ported case by case: each doctest
// case is named after the Python test it ports and asserts what that test asserts.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
