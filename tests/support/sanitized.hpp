#pragma once
// Whether this test program runs under AddressSanitizer (test.sh's sanitizer pass), where a
// differential over thousands of inputs costs ten times its CPU: such a test compares a sample
// there and every input in the release pass, which is where a wrong answer is found. What ASan
// finds, a bad read or write, needs every path taken, not every value.

namespace logmoji::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool sanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool sanitized = true;
#else
inline constexpr bool sanitized = false;
#endif
#else
inline constexpr bool sanitized = false;
#endif

}  // namespace logmoji::test
