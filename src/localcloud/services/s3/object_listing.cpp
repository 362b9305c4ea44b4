#include "localcloud/services/s3/object_listing.hpp"

#include <algorithm>

namespace spawn::localcloud {

std::string_view ListingPage::first_key() const {
  return std::max<std::string_view>(query_.prefix, query_.start_after);
}

std::string_view ListingPage::rollup_of(std::string_view key) const {
  if (query_.delimiter.empty())
    return {};
  std::size_t found = key.find(query_.delimiter, query_.prefix.size());
  if (found == std::string_view::npos)
    return {};
  return key.substr(0, found + query_.delimiter.size());
}

Offer ListingPage::offer(std::string_view key) {
  if (!key.starts_with(query_.prefix))
    return key < query_.prefix ? Offer::skipped : Offer::stop;
  if (key <= query_.start_after)
    return Offer::skipped;
  std::string_view rollup = rollup_of(key);
  if (!rollup.empty() && (rollup == last_entry_ || rollup == query_.start_after))
    return Offer::rolled_up;
  if (entries_ == query_.max_keys) {
    truncated_ = query_.max_keys > 0;
    return Offer::stop;
  }
  ++entries_;
  if (rollup.empty()) {
    last_entry_ = key;
    return Offer::content;
  }
  last_entry_ = rollup;
  common_prefixes_.emplace_back(rollup);
  return Offer::rolled_up;
}

}  // namespace spawn::localcloud
