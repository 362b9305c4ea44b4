// What the network, group, image and key families share about stored
// documents: who owns what a request creates, the NotFound answers, looking
// documents up inside a write, and whether an instance still uses a resource
// (an instance counts until it is terminated).
#pragma once

#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "localcloud/api/api.hpp"
#include "localcloud/api/service.hpp"
#include "localcloud/services/ec2/ec2_operations.hpp"
#include "localcloud/store/resource_store.hpp"

namespace spawn::localcloud {

// The account that owns what `request` creates: the caller's, or kAccountId.
std::string owner_of(const ApiRequest& request);

// `code` with EC2's "The <noun> ID '<id>' does not exist" ("vpc", "subnet", ...).
ApiError id_not_found(std::string code, std::string_view noun, std::string_view id);

// The document of (region, kind, id) inside a write, or `missing` when absent.
std::expected<Json*, ApiError> require_document(Transaction& transaction, std::string_view region,
                                                std::string_view kind, std::string_view id,
                                                const std::function<ApiError()>& missing);

// Every document of (region, kind) inside a write, in id order.
std::vector<Json*> documents_of(Transaction& transaction, std::string_view region,
                                std::string_view kind);

// Whether an instance of `region` that is not terminated satisfies `uses`.
bool used_by_live_instance(Transaction& transaction, std::string_view region,
                           const std::function<bool(const Json& instance)>& uses);

// A table entry calling handler(context, request).
template <class Handler>
OperationHandler with_context(const Ec2Context& context, Handler handler) {
  return [context, handler](const ApiRequest& request) { return handler(context, request); };
}

// The string member `name` of `document`, or "" when absent or not a string.
std::string text_member(const Json& document, std::string_view name);

}  // namespace spawn::localcloud
