// The agent's working parts around the pure policy: it gathers observations
// (tags, activity counters, the completion file, spot notices), lets step()
// decide, carries the decision out, and keeps the state file current. The daemon
// (daemon.cpp) only decides when to call tick() and refresh_config().
//
// Failing closed: whatever cannot be read (IMDS, tags, /proc) is logged and shown
// in `spored status`, and the last known configuration stays in force, including
// across restarts through the state file. When EC2 refuses an action, the agent
// powers the machine off from inside, which terminates it (spawn launches with
// InstanceInitiatedShutdownBehavior=terminate) or stops it.
#pragma once

#include <memory>
#include <optional>

#include "aws/ec2.hpp"
#include "aws/imds.hpp"
#include "aws/session.hpp"
#include "spored/agent_log.hpp"
#include "spored/agent_paths.hpp"
#include "spored/agent_state.hpp"
#include "spored/instance_facts.hpp"
#include "spored/sensors/counters.hpp"

namespace spawn::spored {

struct AgentOptions {
  Duration sample_interval = std::chrono::seconds{60};  // one idle interval
  std::filesystem::path sensors_root = "/";             // where /proc and /sys are read
};

class Agent {
 public:
  Agent(AgentPaths paths, AgentOptions options, aws::ImdsClient& imds, const Environment& env,
        AgentLog& log, Clock& clock);

  // Loads the state file and reconciles it with this boot (see start.cpp's comment).
  void start(int pid);
  // Asks IMDS who the instance is, once it answers; true when the facts are known.
  bool learn_facts();
  // Reads the tags again and applies them; logs changes and problems.
  void refresh_config();
  // Job arrays: writes the peer file once every member is known.
  void refresh_peers();
  // One round: observe, decide, act, save.
  void tick();
  // Saves the state for the last time.
  void stop();

  const AgentState& state() const { return state_; }

 private:
  std::optional<Activity> sample_activity(SystemTime now);
  Observations observe(SystemTime now);
  void carry_out(const Decision& decision, SystemTime now);
  void act(const Decision& decision, SystemTime now);
  void handle_spot_notice(const Decision& decision, const Observations& observed);
  void warn(const std::string& message);
  void run_hook(const Decision& decision);
  void record_stop_reason(const Decision& decision, const Observations& observed);
  void power_off(const std::string& why);
  aws::Ec2Client* ec2();
  void save();

  AgentPaths paths_;
  AgentOptions options_;
  aws::ImdsClient& imds_;
  const Environment& env_;
  AgentLog& log_;
  Clock& clock_;
  AgentState state_;
  bool config_known_ = false;
  std::string facts_error_;                   // the last reason IMDS did not answer, logged once
  std::vector<std::string> sensor_problems_;  // logged when they change
  std::optional<InstanceFacts> facts_;
  std::unique_ptr<aws::Session> session_;
  std::unique_ptr<aws::Ec2Client> ec2_;
  std::optional<Counters> last_counters_;
  Observations last_observed_;
};

}  // namespace spawn::spored
