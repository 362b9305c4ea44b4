// The real spawn command line (spawn::cli::run) in-process against a TestCloud,
// as a user would type it: the cloud's keys in a private environment, HOME and
// spawn's data folder in a temp dir, --endpoint-url pointing at the cloud. Also
// launches instances directly with EC2 in any region, tagged as the test needs.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/ec2.hpp"
#include "aws/session.hpp"
#include "localcloud_fixture.hpp"
#include "util/env.hpp"

namespace spawn::integration {

struct CliOutcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The tags of an instance spawn launched: spawn:managed=true and a Name.
std::vector<aws::Tag> spawn_tags(const std::string& name, std::vector<aws::Tag> more = {});

class SpawnCli {
 public:
  explicit SpawnCli(TestCloud& cloud);

  // Runs `spawn --endpoint-url <cloud> args...`. With `answers`, stdin is a terminal
  // from which those lines are read; without, there is no terminal to ask on.
  CliOutcome run(std::vector<std::string> args,
                 const std::optional<std::string>& answers = std::nullopt);

  // Launches one t3.micro (or `instance_type`) in `region` with `tags`; its id.
  std::string launch(const std::string& region, const std::vector<aws::Tag>& tags,
                     const std::string& instance_type = "t3.micro", bool hibernation = false);
  // The instance as EC2 describes it now.
  std::optional<aws::Instance> describe(const std::string& region, const std::string& id);
  // Its tag's value, when it has the tag.
  std::optional<std::string> tag_of(const std::string& region, const std::string& id,
                                    const std::string& key);
  // Waits until the instance in `region` is in `state`.
  bool wait_for_state(const std::string& region, const std::string& id, const std::string& state);

  MapEnvironment& env() { return env_; }
  aws::Session& session() { return *session_; }
  const std::string& endpoint() const { return endpoint_; }

 private:
  TempDir home_;
  std::string endpoint_;
  MapEnvironment env_;
  std::unique_ptr<aws::Session> session_;
};

// A suite on one shared TestCloud (CloudSuite) whose tests each get a fresh SpawnCli.
template <class Suite>
class CliSuite : public CloudSuite<Suite> {
 protected:
  void SetUp() override {
    CloudSuite<Suite>::SetUp();
    cli_ = std::make_unique<SpawnCli>(this->cloud());
  }
  SpawnCli& cli() { return *cli_; }

 private:
  std::unique_ptr<SpawnCli> cli_;
};

}  // namespace spawn::integration
