// The permissions spored needs on its instance's role, and nothing more: read its
// own tags and the job array's members, record why it stopped the instance, and
// stop or terminate -- only instances tagged spawn:managed=true, so a role leaked
// from one instance cannot touch anything spawn did not launch.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace spawn {

// The tag keys spored writes on its instance before it acts.
inline constexpr std::array<std::string_view, 4> kSporedRecordedTags{
    "spawn:last-stop-reason", "spawn:last-stop-time", "spawn:completion-status",
    "spawn:completion-message"};

// The inline policy document of the spored instance role (IAM JSON).
std::string spored_role_policy();

}  // namespace spawn
