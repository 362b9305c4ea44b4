#include "localcloud/services/ec2/ec2_documents.hpp"

#include "localcloud/services/ec2/ec2_instance_document.hpp"

namespace spawn::localcloud {

std::string owner_of(const ApiRequest& request) {
  return request.account_id.empty() ? std::string(kAccountId) : request.account_id;
}

ApiError id_not_found(std::string code, std::string_view noun, std::string_view id) {
  return client_error(std::move(code),
                      "The " + std::string(noun) + " ID '" + std::string(id) + "' does not exist");
}

std::expected<Json*, ApiError> require_document(Transaction& transaction, std::string_view region,
                                                std::string_view kind, std::string_view id,
                                                const std::function<ApiError()>& missing) {
  Json* document = transaction.find(region, kind, id);
  if (document == nullptr)
    return std::unexpected(missing());
  return document;
}

std::vector<Json*> documents_of(Transaction& transaction, std::string_view region,
                                std::string_view kind) {
  std::vector<Json*> documents;
  for (const std::string& id : transaction.ids(region, kind)) {
    if (Json* document = transaction.find(region, kind, id))
      documents.push_back(document);
  }
  return documents;
}

bool used_by_live_instance(Transaction& transaction, std::string_view region,
                           const std::function<bool(const Json& instance)>& uses) {
  for (const Json* instance : documents_of(transaction, region, kInstanceKind)) {
    if (state_of(*instance) != InstanceState::terminated && uses(*instance))
      return true;
  }
  return false;
}

std::string text_member(const Json& document, std::string_view name) {
  auto member = document.find(name);
  return member != document.end() && member->is_string() ? member->get<std::string>() : "";
}

}  // namespace spawn::localcloud
