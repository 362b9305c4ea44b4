#include "spored/sensors/gpu.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>

#include "sensor_test_support.hpp"

namespace spawn::spored {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::read_sensor_fixture;

TEST(ParseNvidiaSmi, OneLinePerGpu) {
  EXPECT_THAT(parse_nvidia_smi(read_sensor_fixture("nvidia-smi/one_gpu.txt")).value(),
              ElementsAre(37));
  EXPECT_THAT(parse_nvidia_smi(read_sensor_fixture("nvidia-smi/four_gpus.txt")).value(),
              ElementsAre(0, 100, 12, 85));
}

TEST(ParseNvidiaSmi, SkipsGpusWithoutAUtilisation) {
  EXPECT_THAT(parse_nvidia_smi(read_sensor_fixture("nvidia-smi/some_not_available.txt")).value(),
              ElementsAre(42));
  EXPECT_THAT(parse_nvidia_smi("[N/A]\n").value(), IsEmpty());
}

TEST(ParseNvidiaSmi, AnythingElseIsAnError) {
  for (std::string_view fixture : {"nvidia-smi/driver_failure.txt", "nvidia-smi/no_devices.txt",
                                   "nvidia-smi/with_header_and_units.txt"}) {
    auto parsed = parse_nvidia_smi(read_sensor_fixture(fixture));
    ASSERT_FALSE(parsed.has_value()) << fixture;
    EXPECT_EQ(parsed.error().kind, ErrorKind::parse);
  }
  for (std::string_view output : {"101\n", "-1\n", "nan\n", "inf\n", "5O\n"})
    EXPECT_FALSE(parse_nvidia_smi(output).has_value()) << output;
}

// Puts only `folder` on PATH for the test's duration.
class PathOnly {
 public:
  explicit PathOnly(const std::filesystem::path& folder) {
    if (const char* path = std::getenv("PATH"))
      saved_ = path;
    ::setenv("PATH", folder.c_str(), 1);
  }
  ~PathOnly() {
    if (saved_)
      ::setenv("PATH", saved_->c_str(), 1);
    else
      ::unsetenv("PATH");
  }
  PathOnly(const PathOnly&) = delete;
  PathOnly& operator=(const PathOnly&) = delete;

 private:
  std::optional<std::string> saved_;
};

// A fake nvidia-smi that checks its arguments, prints a recorded output and exits with
// `status`. Shell builtins only: PATH holds nothing else.
void install_fake_nvidia_smi(const testing::TempDir& bin, std::string_view recording,
                             int status = 0) {
  auto script = bin.write(
      "nvidia-smi",
      "#!/bin/sh\n"
      "[ \"$*\" = '--query-gpu=utilization.gpu --format=csv,noheader,nounits' ] || exit 64\n"
      "while IFS= read -r line; do printf '%s\\n' \"$line\"; done < '" +
          testing::sensor_fixture(recording).string() + "'\nexit " + std::to_string(status) + "\n");
  std::filesystem::permissions(script, std::filesystem::perms(0755));
}

TEST(ReadGpuUtilisation, NoNvidiaSmiMeansNoGpu) {
  testing::TempDir empty_bin;
  PathOnly path(empty_bin.path());
  auto utilisation = read_gpu_utilisation();
  ASSERT_TRUE(utilisation.has_value()) << utilisation.error().message;
  EXPECT_FALSE(utilisation->has_value());
}

TEST(ReadGpuUtilisation, TheBusiestGpuCounts) {
  testing::TempDir bin;
  install_fake_nvidia_smi(bin, "nvidia-smi/four_gpus.txt");
  PathOnly path(bin.path());
  auto utilisation = read_gpu_utilisation();
  ASSERT_TRUE(utilisation.has_value()) << utilisation.error().message;
  EXPECT_EQ(*utilisation, 100.0);
}

TEST(ReadGpuUtilisation, ADriverFailureIsAnErrorWithNvidiaSmisWords) {
  testing::TempDir bin;
  install_fake_nvidia_smi(bin, "nvidia-smi/driver_failure.txt", 9);
  PathOnly path(bin.path());
  auto utilisation = read_gpu_utilisation();
  ASSERT_FALSE(utilisation.has_value());
  EXPECT_THAT(utilisation.error().message, HasSubstr("status 9"));
  EXPECT_THAT(utilisation.error().message,
              HasSubstr("couldn't communicate with the NVIDIA driver"));
}

TEST(ReadGpuUtilisation, UnreadableOutputIsAnErrorNotIdle) {
  testing::TempDir bin;
  install_fake_nvidia_smi(bin, "nvidia-smi/with_header_and_units.txt");
  PathOnly path(bin.path());
  auto utilisation = read_gpu_utilisation();
  ASSERT_FALSE(utilisation.has_value());
  EXPECT_EQ(utilisation.error().kind, ErrorKind::parse);
}

}  // namespace
}  // namespace spawn::spored
