// Precompiled once for the unit test files (tests/meson.build, cpp_pch): every one of them
// includes Catch2's 17,000-line header, which parsed 33 times was most of the unit tests'
// compile time (docs/testing.md, "The time budget"). Only what every file includes anyway:
// the files still include it themselves, and compile without the precompiled header.
#include <catch2/catch.hpp>

#include <string>
#include <vector>
