#include "util/result.hpp"

namespace spawn {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::usage: return "usage";
    case ErrorKind::auth: return "auth";
    case ErrorKind::network: return "network";
    case ErrorKind::timeout: return "timeout";
    case ErrorKind::aws: return "aws";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::io: return "io";
    case ErrorKind::parse: return "parse";
  }
  return "unknown";
}

}  // namespace spawn
