// The instance state machine's rules, as changes to one instance document made
// inside a store write: which states a start, stop, termination or reboot may
// leave from, what EC2 answers otherwise (IncorrectInstanceState), and which
// timed step (see ec2_lifecycle.hpp) finishes the transition. Asking for the
// state an instance is already in or heading to changes nothing and reports it
// unchanged, as EC2 does (terminating a terminated instance is no error).
#pragma once

#include <chrono>
#include <expected>
#include <optional>
#include <string_view>

#include "localcloud/services/ec2/ec2_instance_document.hpp"
#include "localcloud/services/ec2/ec2_instance_xml.hpp"

namespace spawn::localcloud {

// The timed steps that finish transitions.
enum class Step {
  boot,                // pending → running, the sandbox boots (or thaws)
  finish_stop,         // stopping → stopped, the sandbox halts (or freezes)
  finish_termination,  // shutting-down → terminated, the sandbox is destroyed
  purge,               // a terminated instance disappears
  spot_interruption,   // an announced spot interruption takes effect
  reboot,              // a running sandbox halts and boots again
  restore,             // a running instance boots again after localcloud restarted
};

// EC2's StateReason: code and message.
struct StateReason {
  std::string_view code;
  std::string_view message;
};
inline constexpr StateReason kUserShutdown{"Client.UserInitiatedShutdown",
                                           "Client.UserInitiatedShutdown: User initiated shutdown"};
inline constexpr StateReason kUserHibernate{
    "Client.UserInitiatedHibernate", "Client.UserInitiatedHibernate: User initiated hibernate"};
inline constexpr StateReason kInstanceShutdown{
    "Client.InstanceInitiatedShutdown",
    "Client.InstanceInitiatedShutdown: Instance initiated shutdown"};
inline constexpr StateReason kSpotTermination{
    "Server.SpotInstanceTermination", "Server.SpotInstanceTermination: Spot instance termination"};
inline constexpr StateReason kSpotShutdown{"Server.SpotInstanceShutdown",
                                           "Server.SpotInstanceShutdown: Spot instance shutdown"};
inline constexpr StateReason kLaunchFailure{"Server.InternalError",
                                            "Server.InternalError: Internal error on launch"};

enum class StopMode { stop, hibernate };

// When a transition happens and how long its transitional state lasts.
struct TransitionTiming {
  SystemTime now;
  std::chrono::milliseconds delay;
};

struct Transition {
  StateChange change;
  std::optional<Step> next;  // the step that finishes it, due after the delay
};

// stopped → pending; pending and running are left alone.
std::expected<Transition, ApiError> begin_start(Json& instance, TransitionTiming timing);
// running → stopping; stopping and stopped are left alone.
std::expected<Transition, ApiError> begin_stop(Json& instance, StopMode mode,
                                               const StateReason& reason, TransitionTiming timing);
// Any live state → shutting-down; shutting-down and terminated are left alone.
std::expected<Transition, ApiError> begin_termination(Json& instance, const StateReason& reason,
                                                      TransitionTiming timing);
// A running instance reboots; a pending one is left alone.
std::expected<Transition, ApiError> begin_reboot(Json& instance);

}  // namespace spawn::localcloud
