// DescribeSpotPriceHistory, derived rather than stored: each (instance type,
// zone) has one price per day, a deterministic 30-40 % of the type's on-demand
// price drawn from a hash of the type, zone and day, so that every call and
// every localcloud agree. Without StartTime the answer is the price in effect
// now; with it, the price in effect at StartTime and every change up to
// EndTime (at most 90 days back, as AWS keeps).
//
// A 90-day history of every type in every zone is large, so the answer is
// streamed in id order ("type\tzone\tproduct\tinverted day", newest first) and
// only one page is built; page tokens name the last id served, as elsewhere.
#include <fmt/format.h>

#include <chrono>

#include "localcloud/catalog/instance_types.hpp"
#include "localcloud/catalog/regions.hpp"
#include "localcloud/services/ec2/ec2_catalog.hpp"
#include "localcloud/services/ec2/ec2_describe.hpp"
#include "localcloud/services/ec2/ec2_documents.hpp"
#include "localcloud/services/ec2/ec2_instance_document.hpp"
#include "localcloud/services/ec2/ec2_json_xml.hpp"
#include "util/encoding.hpp"
#include "util/time_format.hpp"

namespace spawn::localcloud {
namespace {

using Days = std::chrono::days;

constexpr Days kHistoryKept{90};
constexpr double kLowestShare = 0.30;
constexpr double kShareRange = 0.10;
constexpr std::size_t kMaxPage = 1000;
constexpr std::int64_t kLastDay = 9'999'999;  // inverted so that newer days sort first
constexpr std::string_view kProducts[] = {"Linux/UNIX", "Linux/UNIX (Amazon VPC)"};

const FilterTable kSpotPriceFilters{
    {"availability-zone", member("/AvailabilityZone")},
    {"instance-type", member("/InstanceType")},
    {"product-description", member("/ProductDescription")},
    {"spot-price", member("/SpotPrice")},
    {"timestamp", member("/Timestamp")},
};

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::int64_t day_of(SystemTime time) {
  return std::chrono::floor<Days>(time.time_since_epoch()).count();
}

std::string price_text(const InstanceTypeSpec& type, std::string_view zone, std::int64_t day) {
  std::uint64_t draw = fnv1a(fmt::format("{}|{}|{}", type.name, zone, day)) % 10'000;
  double share = kLowestShare + kShareRange * static_cast<double>(draw) / 10'000.0;
  return fmt::format("{:.6f}", type.on_demand_usd_per_hour * share);
}

struct SpotQuery {
  std::vector<const InstanceTypeSpec*> types;
  std::vector<std::string> zones;
  std::vector<std::string> products;
  std::int64_t first_day = 0;  // the day in effect at StartTime
  std::int64_t last_day = 0;
  std::vector<Ec2Filter> filters;
  std::size_t page_size = kMaxPage;
  std::string after;  // the last id served, from NextToken
};

std::expected<SystemTime, ApiError> time_parameter(const FormParams& params, std::string_view name,
                                                   SystemTime fallback) {
  auto text = params.get(name);
  if (!text)
    return fallback;
  auto time = parse_iso8601(*text);
  if (!time) {
    return std::unexpected(client_error("InvalidParameterValue",
                                        "Invalid value '" + *text + "' for " + std::string(name)));
  }
  return *time;
}

std::expected<std::vector<std::string>, ApiError> zones_asked(const ApiRequest& request) {
  const RegionInfo* region = find_region(request.region);
  std::vector<std::string> zones =
      region ? availability_zones(*region) : std::vector<std::string>{};
  auto zone = request.params.get("AvailabilityZone");
  if (!zone)
    return zones;
  if (std::find(zones.begin(), zones.end(), *zone) == zones.end()) {
    return std::unexpected(
        client_error("InvalidParameterValue", "Invalid availability zone: [" + *zone + "]"));
  }
  return std::vector<std::string>{*zone};
}

std::vector<const InstanceTypeSpec*> types_asked(const FormParams& params) {
  std::vector<std::string> names = params.list("InstanceType");
  std::vector<const InstanceTypeSpec*> types;
  for (const InstanceTypeSpec& type : instance_types()) {
    if (names.empty() || std::find(names.begin(), names.end(), type.name) != names.end())
      types.push_back(&type);
  }
  return types;
}

std::vector<std::string> products_asked(const FormParams& params) {
  std::vector<std::string> asked = params.list("ProductDescription");
  std::vector<std::string> products;
  for (std::string_view product : kProducts) {
    if (asked.empty() || std::find(asked.begin(), asked.end(), product) != asked.end())
      products.emplace_back(product);
  }
  return products;
}

std::expected<SpotQuery, ApiError> parse_spot_query(const ApiRequest& request) {
  auto zones = zones_asked(request);
  auto end = time_parameter(request.params, "EndTime", request.time);
  auto start = end ? time_parameter(request.params, "StartTime", *end) : end;
  auto filters = parse_filters(request.params, kSpotPriceFilters);
  auto page = parse_page_request(request.params, 1, kMaxPage);
  if (!zones || !start || !filters || !page) {
    return std::unexpected(!zones     ? zones.error()
                           : !start   ? start.error()
                           : !filters ? filters.error()
                                      : page.error());
  }
  if (auto dry_run = dry_run_answer(request.params))
    return std::unexpected(*dry_run);
  SpotQuery query;
  query.types = types_asked(request.params);
  query.products = products_asked(request.params);
  query.zones = std::move(*zones);
  query.last_day = day_of(std::min(*end, request.time));
  query.first_day = std::max(day_of(*start), day_of(request.time - kHistoryKept));
  query.filters = std::move(*filters);
  query.page_size = page->max_results.value_or(kMaxPage);
  if (!page->next_token.empty()) {
    auto after = base64_decode(page->next_token);
    if (!after) {
      return std::unexpected(client_error(
          "InvalidParameterValue", "Invalid value '" + page->next_token + "' for nextToken"));
    }
    query.after = *after;
  }
  return query;
}

// Calls visit(id, price) for every price point of the query in id order until it says stop.
void for_each_price(const SpotQuery& query,
                    const std::function<bool(const std::string&, const Json&)>& visit) {
  for (const InstanceTypeSpec* type : query.types) {
    for (const std::string& zone : query.zones) {
      for (const std::string& product : query.products) {
        for (std::int64_t day = query.last_day; day >= query.first_day; --day) {
          std::string id =
              fmt::format("{}\t{}\t{}\t{:07}", type->name, zone, product, kLastDay - day);
          if (id <= query.after)
            continue;
          Json price{{"AvailabilityZone", zone},
                     {"InstanceType", type->name},
                     {"ProductDescription", product},
                     {"SpotPrice", price_text(*type, zone, day)},
                     {"Timestamp", ec2_timestamp(SystemTime(Days(day)))}};
          if (matches(price, query.filters, kSpotPriceFilters) && !visit(id, price))
            return;
        }
      }
    }
  }
}

DescribeSelection one_page(const SpotQuery& query) {
  DescribeSelection page;
  std::string last_id;
  for_each_price(query, [&](const std::string& id, const Json& price) {
    if (page.documents.size() == query.page_size) {
      page.next_token = base64_encode(last_id);
      return false;
    }
    page.documents.push_back(price);
    last_id = id;
    return true;
  });
  return page;
}

ApiOutcome describe_spot_price_history_call(const Ec2Context&, const ApiRequest& request) {
  auto query = parse_spot_query(request);
  if (!query)
    return std::unexpected(query.error());
  return describe_answer(
      request, "spotPriceHistorySet", one_page(*query), [](pugi::xml_node item, const Json& price) {
        add_members(
            item, price,
            {"AvailabilityZone", "InstanceType", "ProductDescription", "SpotPrice", "Timestamp"},
            {});
      });
}

}  // namespace

void add_spot_price_operations(OperationTable& table, const Ec2Context& context) {
  table["DescribeSpotPriceHistory"] = with_context(context, describe_spot_price_history_call);
}

}  // namespace spawn::localcloud
