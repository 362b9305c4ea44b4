// The instance state machine over time, and the only caller of the sandbox host.
//
// API handlers change instance documents inside store writes (see
// ec2_instance_transitions.hpp) and, once a write has committed, hand the timed
// step that finishes each transition to arm(). Steps run one at a time on the
// scheduler's thread; each re-reads the document and acts only if the instance
// is still in the state the step finishes (a pending instance terminated before
// its boot is never booted), writes the new state, then calls the host with no
// lock held. Because every host call comes from that one thread, calls for one
// instance happen in the order its states were committed, and IMDS threads that
// call back into the metadata source (store reads, a shutdown request that only
// schedules work) can never wait on a host call that waits on them.
//
// Each transitional state records when it ends (Localcloud.DueAt), so a
// restarted localcloud re-arms what was in flight: pending instances boot,
// running ones boot again (their processes died with the old server), stopping
// and shutting-down ones finish, terminated ones are purged on time. Hibernated
// instances come back as plain stopped instances, since their frozen processes
// are gone; the next start boots them again.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <vector>

#include "localcloud/instances/instance_host.hpp"
#include "localcloud/services/ec2/ec2_instance_transitions.hpp"
#include "localcloud/services/ec2/ec2_ip_allocator.hpp"
#include "localcloud/services/ec2/ec2_operations.hpp"
#include "localcloud/services/ec2/ec2_scheduler.hpp"

namespace spawn::localcloud {

struct Timer {
  std::string region;
  std::string instance_id;
  Step step;
  std::chrono::milliseconds delay{0};
};

class InstanceLifecycle {
 public:
  InstanceLifecycle(const Ec2Context& context, IpAllocator& addresses);

  // The host for every later step; until then steps change state without a host.
  void attach_host(InstanceHost& host) { host_.store(&host); }
  InstanceHost* host() const { return host_.load(); }

  // Schedules the steps of transitions that a committed write made.
  void arm(const std::vector<Timer>& timers);
  // How long the transitional states last.
  TransitionTiming timing() const;

  // Re-arms every instance's pending step after a restart (see the file comment).
  void resume_after_restart();
  // Stops the timers and halts every sandbox; state is kept for the next start.
  void halt_all();
  // Drops every timer and destroys every sandbox; the caller clears the store.
  void reset();

 private:
  void run(const Timer& timer);
  void boot(const Timer& timer);
  void finish_stop(const Timer& timer);
  void finish_termination(const Timer& timer);
  void purge(const Timer& timer);
  void interrupt_spot(const Timer& timer);
  void reboot(const Timer& timer);
  void restore(const Timer& timer);
  // Turns a failed boot into a termination.
  void fail_launch(const Timer& timer);
  // Every instance document of every region, read without the store's write lock.
  std::vector<std::pair<std::string, Json>> all_instances() const;
  std::vector<Timer> resume(const std::string& region, const Json& instance);

  const Ec2Context& context_;
  IpAllocator& addresses_;
  std::atomic<InstanceHost*> host_;
  Scheduler scheduler_;  // last: its thread stops before the members above go away
};

// The timer `transition` leaves to arm in `region`, if any.
void add_timer(std::vector<Timer>& timers, std::string_view region, const Transition& transition,
               std::chrono::milliseconds delay);

}  // namespace spawn::localcloud
