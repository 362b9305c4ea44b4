// A call made on a thread of its own (ops::run_all) gets its own copy of the
// AwsClient: copies share the transport and credentials, which are thread-safe,
// and keep their own retry quota and clock-skew snapshot.
#pragma once

#include "aws/client.hpp"

namespace spawn::ops {

// Runs `call(service)` with a `Service` (aws::Ec2Client, aws::IamClient, ...) over a
// fresh copy of `client`; returns what `call` returns.
template <class Service, class Call>
auto call_with_own(const aws::AwsClient& client, Call call) {
  aws::AwsClient own(client);
  Service service(own);
  return call(service);
}

}  // namespace spawn::ops
