// Replays fuzz corpora through the targets without libFuzzer (gcc, ordinary CI): `replay TARGET
// FOLDER...`, every file in the folders one input; an oracle failure aborts. One executable for
// every target (tests/fuzz/meson.build renames each target's LLVMFuzzerTestOneInput to
// logmoji_replay_TARGET and lists them in LOGMOJI_FUZZ_TARGETS): one link of the library instead
// of one per target, which under ASan cost more than the replays.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#define LOGMOJI_DECLARE_TARGET(name) extern "C" int logmoji_replay_##name(const std::uint8_t* data, std::size_t size);
LOGMOJI_FUZZ_TARGETS(LOGMOJI_DECLARE_TARGET)

namespace {

using target_fn = int (*)(const std::uint8_t*, std::size_t);
struct target {
  std::string_view name;
  target_fn run;
};

#define LOGMOJI_TARGET_ROW(name) target{#name, logmoji_replay_##name},
constexpr target targets[] = {LOGMOJI_FUZZ_TARGETS(LOGMOJI_TARGET_ROW)};

target_fn find_target(std::string_view name) {
  for (const auto& t : targets)
    if (t.name == name) return t.run;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  const target_fn run = argc > 1 ? find_target(argv[1]) : nullptr;
  if (run == nullptr) {
    std::fprintf(stderr, "usage: replay TARGET FOLDER... (TARGET one of the fuzz targets)\n");
    return 2;
  }
  std::size_t inputs = 0;
  for (int a = 2; a < argc; ++a) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(argv[a]))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++inputs;
    }
  }
  std::printf("%zu inputs replayed\n", inputs);
  return inputs > 0 ? 0 : 1;
}
