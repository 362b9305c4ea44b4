// aws ec2 describe-instances with filters and with paging, both the CLI's own
// (--page-size) and the user's (--max-items / --starting-token).
#include <algorithm>
#include <set>

#include "localcloud_suite.hpp"
#include "plain_http.hpp"

namespace spawn::conformance {
namespace {

class DescribeInstances : public LocalcloudSuite {
 protected:
  // The ids describe-instances returns for `filters`, in order.
  static std::vector<std::string> ids_matching(const std::vector<std::string>& filters) {
    std::vector<std::string> args{"ec2", "describe-instances", "--filters"};
    args.insert(args.end(), filters.begin(), filters.end());
    AwsResult described = aws(args);
    EXPECT_TRUE(described.succeeded()) << described;
    std::vector<std::string> ids = instance_ids(described.json());
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // How many DescribeInstances calls the server's request log holds.
  static int describe_instances_calls() {
    auto log = plain_http("GET", server_url("/_localcloud/requests"));
    EXPECT_TRUE(log && log->status == 200) << (log ? log->body : log.error().message);
    nlohmann::json requests = log ? nlohmann::json::parse(log->body, nullptr, false) : nullptr;
    int calls = 0;
    for (const nlohmann::json& request : json_at(requests, "/requests"))
      calls += text_at(request, "/operation") == "DescribeInstances" ? 1 : 0;
    return calls;
  }
};

TEST_F(DescribeInstances, FiltersByTagStateAndType) {
  std::string batch = unique_name("batch");
  AwsResult micro =
      run_instances("t3.micro", {"--tag-specifications", instance_tag_spec("Batch", batch)});
  ASSERT_TRUE(micro.succeeded()) << micro;
  AwsResult small =
      run_instances("t3.small", {"--tag-specifications", instance_tag_spec("Batch", batch)});
  ASSERT_TRUE(small.succeeded()) << small;
  std::string micro_id = instance_ids(micro.json()).at(0);
  std::string small_id = instance_ids(small.json()).at(0);
  std::vector<std::string> both{micro_id, small_id};
  std::sort(both.begin(), both.end());
  std::string by_tag = "Name=tag:Batch,Values=" + batch;

  EXPECT_EQ(ids_matching({by_tag}), both);
  EXPECT_EQ(ids_matching({by_tag, "Name=instance-type,Values=t3.small"}),
            std::vector<std::string>{small_id});
  EXPECT_EQ(ids_matching({by_tag, "Name=instance-state-name,Values=pending,running"}), both);
  EXPECT_TRUE(ids_matching({by_tag, "Name=instance-state-name,Values=stopped"}).empty());
}

TEST_F(DescribeInstances, PagesReturnEveryInstanceOnce) {
  constexpr int kInstances = 12;
  constexpr int kPageSize = 5;  // DescribeInstances' smallest MaxResults
  std::string batch = unique_name("paged");
  AwsResult run =
      run_instances("t3.nano", {"--count", std::to_string(kInstances), "--tag-specifications",
                                instance_tag_spec("Batch", batch)});
  ASSERT_TRUE(run.succeeded()) << run;
  std::vector<std::string> launched = instance_ids(run.json());
  ASSERT_EQ(launched.size(), static_cast<std::size_t>(kInstances)) << run.out;
  std::sort(launched.begin(), launched.end());
  std::string by_tag = "Name=tag:Batch,Values=" + batch;

  int calls_before = describe_instances_calls();
  EXPECT_EQ(ids_matching({by_tag, "--page-size", std::to_string(kPageSize)}), launched);
  EXPECT_GE(describe_instances_calls() - calls_before, (kInstances + kPageSize - 1) / kPageSize)
      << "--page-size 5 over 12 instances must take several DescribeInstances calls";

  // --max-items counts reservations (the CLI's result key); all 12 instances share one, which
  // the server splits across pages of 5, so each invocation returns one page and a token.
  std::vector<std::string> paged;
  std::string token;
  int invocations = 0;
  do {
    std::vector<std::string> args{
        "ec2",         "describe-instances",     "--filters", by_tag, "--max-items", "1",
        "--page-size", std::to_string(kPageSize)};
    if (!token.empty())
      args.insert(args.end(), {"--starting-token", token});
    AwsResult described = aws(args);
    ASSERT_TRUE(described.succeeded()) << described;
    std::vector<std::string> ids = instance_ids(described.json());
    paged.insert(paged.end(), ids.begin(), ids.end());
    token = text_at(described.json(), "/NextToken");
  } while (!token.empty() && ++invocations < kInstances);
  EXPECT_GE(invocations, 2) << "--max-items 1 over three pages needs --starting-token";
  std::sort(paged.begin(), paged.end());
  EXPECT_EQ(paged, launched) << "each instance exactly once over the --max-items pages";
}

}  // namespace
}  // namespace spawn::conformance
