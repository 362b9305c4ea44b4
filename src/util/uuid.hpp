// Random version-4 UUIDs: ClientTokens, correlation ids.
#pragma once

#include <string>

namespace spawn {

std::string random_uuid();

}  // namespace spawn
