// Where the user's SSH connections come from: the security group spawn creates
// lets TCP 22 in from this one range only. By default it is the caller's public
// IPv4 address as AWS's checkip service sees it; `--ssh-from CIDR` overrides it
// (behind a NAT with several exits, a VPN, or when checkip is unreachable).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "aws/transport.hpp"
#include "util/env.hpp"
#include "util/result.hpp"

namespace spawn::ops {

// AWS's what-is-my-IP service; SPAWN_CHECKIP_URL overrides it (tests, air-gapped mirrors).
inline constexpr std::string_view kCheckIpUrl = "https://checkip.amazonaws.com";
inline constexpr std::string_view kCheckIpUrlVariable = "SPAWN_CHECKIP_URL";
// checkip answers in well under a second; a launch should not hang on it.
inline constexpr std::chrono::seconds kCheckIpTimeout{4};

// The caller's public IPv4 address as "a.b.c.d/32", asked of checkip. Errors
// (ErrorKind::network, timeout or parse) carry a hint to pass --ssh-from instead.
Result<std::string> caller_cidr(aws::HttpTransport& transport, const Environment& env);

// `text` when it is a strict dotted-quad IPv4 address ("203.0.113.7": four decimal
// octets 0..255, no leading zeros, nothing around it); ErrorKind::parse otherwise.
Result<std::string> parse_ipv4(std::string_view text);

// The user's --ssh-from value as a CIDR: "a.b.c.d/n" with n in 0..32, a bare address
// becoming "/32" and host bits cleared ("10.1.2.3/24" -> "10.1.2.0/24", as security
// group rules and the spawn:ssh-from tag hold it). 0.0.0.0/0 (the whole internet) is
// accepted; the caller warns about it.
// ErrorKind::usage for anything else (IPv6 included), with an example in the hint.
Result<std::string> parse_ssh_from(std::string_view text);

}  // namespace spawn::ops
