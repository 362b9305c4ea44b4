#include "localcloud/store/resource_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

namespace spawn::localcloud {
namespace {

std::unique_ptr<ResourceStore> open_store(const std::filesystem::path& path) {
  auto store = ResourceStore::open(path);
  EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().message);
  return store ? std::move(*store) : nullptr;
}

Result<void> put(ResourceStore& store, std::string_view id, Json document) {
  return store.write([&](Transaction& transaction) -> Result<void> {
    transaction.put("us-east-1", "vpc", id, std::move(document));
    return {};
  });
}

TEST(ResourceStore, WritesAreVisibleAndSurviveARestart) {
  auto dir = std::filesystem::path(testing::TempDir()) / "resource-store-restart";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    auto store = open_store(dir / "state.db");
    ASSERT_TRUE(put(*store, "vpc-1", Json{{"CidrBlock", "10.0.0.0/16"}}));
    EXPECT_EQ(store->get("us-east-1", "vpc", "vpc-1")->at("CidrBlock"), "10.0.0.0/16");
  }
  auto reopened = open_store(dir / "state.db");
  auto vpc = reopened->get("us-east-1", "vpc", "vpc-1");
  ASSERT_TRUE(vpc.has_value());
  EXPECT_EQ(vpc->at("CidrBlock"), "10.0.0.0/16");
  EXPECT_FALSE(reopened->get("eu-west-1", "vpc", "vpc-1").has_value());
}

TEST(ResourceStore, AFailedWriteLeavesNothingBehind) {
  auto store = open_store(":memory:");
  auto outcome = store->write([&](Transaction& transaction) -> Result<void> {
    transaction.put("us-east-1", "vpc", "vpc-1", Json::object());
    return fail(ErrorKind::conflict, "DependencyViolation");
  });
  EXPECT_FALSE(outcome.has_value());
  EXPECT_FALSE(store->get("us-east-1", "vpc", "vpc-1").has_value());
}

Result<void> set_state(ResourceStore& store, std::string_view state, bool succeed) {
  return store.write([&](Transaction& transaction) -> Result<void> {
    (*transaction.find("us-east-1", "vpc", "vpc-1"))["State"] = state;
    if (!succeed)
      return fail(ErrorKind::conflict, "refused");
    return {};
  });
}

TEST(ResourceStore, ChangesInPlaceLandOnlyWhenTheWriteSucceeds) {
  auto store = open_store(":memory:");
  ASSERT_TRUE(put(*store, "vpc-1", Json{{"State", "pending"}}));
  EXPECT_FALSE(set_state(*store, "deleted", false).has_value());
  EXPECT_EQ(store->get("us-east-1", "vpc", "vpc-1")->at("State"), "pending");
  EXPECT_TRUE(set_state(*store, "available", true).has_value());
  EXPECT_EQ(store->get("us-east-1", "vpc", "vpc-1")->at("State"), "available");
}

TEST(ResourceStore, TransactionListsIdsWithStagedChanges) {
  auto store = open_store(":memory:");
  ASSERT_TRUE(put(*store, "vpc-1", Json::object()));
  ASSERT_TRUE(put(*store, "vpc-2", Json::object()));
  auto outcome = store->write([&](Transaction& transaction) -> Result<std::vector<std::string>> {
    transaction.erase("us-east-1", "vpc", "vpc-1");
    transaction.put("us-east-1", "vpc", "vpc-3", Json::object());
    return transaction.ids("us-east-1", "vpc");
  });
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(*outcome, (std::vector<std::string>{"vpc-2", "vpc-3"}));
  EXPECT_EQ(store->regions_with("vpc"), std::vector<std::string>{"us-east-1"});
}

TEST(ResourceStore, ReadVisitsDocumentsInIdOrder) {
  auto store = open_store(":memory:");
  ASSERT_TRUE(put(*store, "vpc-b", Json::object()));
  ASSERT_TRUE(put(*store, "vpc-a", Json::object()));
  std::vector<std::string> seen;
  store->read("us-east-1", "vpc", [&](const ResourceMap& documents) {
    for (const auto& [id, document] : documents)
      seen.push_back(id);
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"vpc-a", "vpc-b"}));
}

TEST(ResourceStore, ConcurrentWritersAllLand) {
  auto store = open_store(":memory:");
  std::vector<std::thread> writers;
  for (int i = 0; i < 8; ++i) {
    writers.emplace_back([&, i] { EXPECT_TRUE(put(*store, "vpc-" + std::to_string(i), Json{})); });
  }
  for (auto& writer : writers)
    writer.join();
  std::size_t count = 0;
  store->read("us-east-1", "vpc", [&](const ResourceMap& documents) { count = documents.size(); });
  EXPECT_EQ(count, 8u);
}

}  // namespace
}  // namespace spawn::localcloud
