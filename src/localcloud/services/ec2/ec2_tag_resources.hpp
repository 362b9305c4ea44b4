// The resources CreateTags, DeleteTags and DescribeTags reach: every kind of
// document, keyed by its id, that EC2 recognises by the id's prefix (i-, vpc-,
// subnet-, sg-, ...),
// with the resourceType DescribeTags reports and the NotFound error EC2 gives
// for a missing one of that kind.
#pragma once

#include <expected>
#include <span>
#include <string>
#include <string_view>

#include "localcloud/api/api.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

struct TaggableKind {
  std::string_view prefix;  // "sg-"
  std::string_view kind;    // the store kind, which is also EC2's resourceType
  std::string_view not_found_code;
  std::string_view not_found_text;  // around the id: "The security group '%' does not exist"
};

std::span<const TaggableKind> taggable_kinds();

struct TaggableResource {
  const TaggableKind* kind;
  Json* document;
};

// The resource `resource_id` names in `region`: InvalidID for an id no kind claims,
// the kind's NotFound code when no such resource exists.
std::expected<TaggableResource, ApiError> find_taggable(Transaction& transaction,
                                                        std::string_view region,
                                                        std::string_view resource_id);

}  // namespace spawn::localcloud
