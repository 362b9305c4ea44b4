#include "core/truffle_input.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace spawn {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kSpecExample =
    R"({"instance_type":"m7i.large","region":"us-east-1","availability_zone":"us-east-1a",)"
    R"("spot":true,"spot_price":0.0331})";

TruffleInput parsed(std::string_view text) {
  auto input = parse_truffle_input(text);
  EXPECT_TRUE(input.has_value()) << text << ": " << input.error().message;
  EXPECT_TRUE(input.has_value() && input->has_value()) << text;
  return input && *input ? **input : TruffleInput{};
}

// The message of the usage error `text` must give.
std::string refusal(std::string_view text) {
  auto input = parse_truffle_input(text);
  if (input) {
    ADD_FAILURE() << text << " was accepted";
    return {};
  }
  EXPECT_EQ(input.error().kind, ErrorKind::usage);
  return input.error().message;
}

TEST(TruffleInput, ReadsTheSpecExample) {
  auto input = parsed(kSpecExample);
  EXPECT_EQ(input.instance_type, "m7i.large");
  EXPECT_EQ(input.region, "us-east-1");
  EXPECT_EQ(input.availability_zone, "us-east-1a");
  EXPECT_TRUE(input.spot);
  EXPECT_EQ(input.spot_price, 0.0331);
  EXPECT_EQ(input.spot_max_price, "0.0331");
}

TEST(TruffleInput, ReadsEveryField) {
  auto input = parsed(R"({"instance_type":"c7g.xlarge","region":"eu-west-1",
    "availability_zones":["eu-west-1a","eu-west-1b"],"vcpus":4,"memory_mib":8192,
    "architecture":"arm64","spot":false,"spot_price":0.05,"on_demand_price":0.1445,
    "reservation_id":"cr-0123456789abcdef0","available_capacity":3})");
  EXPECT_EQ(input.instance_type, "c7g.xlarge");
  EXPECT_THAT(input.availability_zones, ElementsAre("eu-west-1a", "eu-west-1b"));
  EXPECT_EQ(input.vcpus, 4);
  EXPECT_EQ(input.memory_mib, 8192);
  EXPECT_EQ(input.architecture, "arm64");
  EXPECT_FALSE(input.spot);
  EXPECT_EQ(input.on_demand_price, 0.1445);
  EXPECT_EQ(input.reservation_id, "cr-0123456789abcdef0");
  EXPECT_EQ(input.available_capacity, 3);
}

TEST(TruffleInput, UsesTheFirstOfAnArray) {
  auto input = parsed(R"([{"instance_type":"t3.micro"},{"instance_type":"t3.large"}])");
  EXPECT_EQ(input.instance_type, "t3.micro");
}

TEST(TruffleInput, AnEmptyArrayIsAnError) {
  EXPECT_THAT(refusal("[]"), HasSubstr("empty input array"));
  EXPECT_THAT(refusal(" [ ]\n"), HasSubstr("empty input array"));
}

TEST(TruffleInput, EmptyOrBlankInputIsNoInput) {
  for (std::string_view text : {"", " ", "\n", " \t\r\n "}) {
    auto input = parse_truffle_input(text);
    ASSERT_TRUE(input.has_value()) << "'" << text << "'";
    EXPECT_FALSE(input->has_value()) << "'" << text << "'";
  }
}

TEST(TruffleInput, MaxPriceOnlyForSpotWithAPrice) {
  EXPECT_EQ(parsed(R"({"spot":false,"spot_price":0.0331})").spot_max_price, "");
  EXPECT_EQ(parsed(R"({"spot":true,"spot_price":0})").spot_max_price, "");
  EXPECT_EQ(parsed(R"({"spot":true})").spot_max_price, "");
  EXPECT_EQ(parsed(R"({"spot":true,"spot_price":1.5})").spot_max_price, "1.5000");
  EXPECT_EQ(parsed(R"({"spot":true,"spot_price":0.12345})").spot_max_price, "0.1235");
}

TEST(TruffleInput, AWrongTypeNamesTheFieldAndTheValue) {
  EXPECT_EQ(refusal(R"({"spot":"yes"})"),
            R"(truffle input: "spot" must be true or false, not "yes")");
  EXPECT_THAT(refusal(R"({"spot_price":"0.03"})"), HasSubstr(R"("spot_price" must be a price)"));
  EXPECT_THAT(refusal(R"({"region":42})"), HasSubstr(R"("region" must be a string, not 42)"));
  EXPECT_THAT(refusal(R"({"vcpus":2.5})"), HasSubstr(R"("vcpus" must be a whole number)"));
  EXPECT_THAT(refusal(R"({"memory_mib":true})"), HasSubstr(R"("memory_mib" must be a whole)"));
  EXPECT_THAT(refusal(R"({"availability_zones":"us-east-1a"})"),
              HasSubstr(R"("availability_zones" must be a list of strings, not "us-east-1a")"));
  EXPECT_THAT(refusal(R"({"availability_zones":["us-east-1a",3]})"),
              HasSubstr(R"("availability_zones[1]" must be a string, not 3)"));
  EXPECT_THAT(refusal(R"({"instance_type":{"name":"m7i.large"}})"),
              HasSubstr(R"("instance_type" must be a string, not an object)"));
}

TEST(TruffleInput, LongValuesAreCutShortInMessages) {
  std::string message = refusal(R"({"spot":")" + std::string(500, 'x') + R"("})");
  EXPECT_THAT(message, HasSubstr("xxx..."));
  EXPECT_LT(message.size(), 120u);
}

TEST(TruffleInput, NegativeNumbersAreRefused) {
  EXPECT_THAT(refusal(R"({"spot":true,"spot_price":-0.5})"), HasSubstr(R"("spot_price")"));
  EXPECT_THAT(refusal(R"({"on_demand_price":-1})"), HasSubstr(R"("on_demand_price")"));
  EXPECT_THAT(refusal(R"({"available_capacity":-2})"), HasSubstr(R"("available_capacity")"));
}

TEST(TruffleInput, WholeNumbersMayBeWrittenWithAFraction) {
  EXPECT_EQ(parsed(R"({"memory_mib":4096.0})").memory_mib, 4096);
}

TEST(TruffleInput, InstanceTypesMustLookLikeOne) {
  for (std::string_view type : {"M7i.large", "m7i", "m7i.", ".large", "m7i large", "m7i.large.x",
                                "m7i_large", "-m7i.large"}) {
    std::string text = R"({"instance_type":")" + std::string(type) + R"("})";
    EXPECT_THAT(refusal(text), HasSubstr(R"("instance_type" must be an EC2 instance type)"));
  }
  for (std::string_view type :
       {"t3.micro", "u-6tb1.112xlarge", "mac2-m2pro.metal", "c7i.metal-24xl"}) {
    std::string text = R"({"instance_type":")" + std::string(type) + R"("})";
    EXPECT_EQ(parsed(text).instance_type, type);
  }
}

TEST(TruffleInput, MalformedJsonSaysWhereItBreaks) {
  auto message = refusal(R"({"instance_type": "m7i.large", "spot": yes})");
  EXPECT_THAT(message, HasSubstr("not valid JSON"));
  EXPECT_THAT(message, HasSubstr("line 1, column"));
  EXPECT_THAT(message, Not(HasSubstr("json.exception")));
  EXPECT_THAT(refusal("{\"instance_type\": \"m7i.large\""), HasSubstr("not valid JSON"));
  EXPECT_THAT(refusal("m7i.large"), HasSubstr("not valid JSON"));
}

TEST(TruffleInput, OnlyAnObjectIsAnOffer) {
  EXPECT_THAT(refusal("42"), HasSubstr("expected an offer"));
  EXPECT_THAT(refusal(R"(["m7i.large"])"), HasSubstr(R"(not "m7i.large")"));
  EXPECT_THAT(refusal("[[{}]]"), HasSubstr("not a list"));
}

TEST(TruffleInput, UnknownFieldsAndNullsAreIgnored) {
  auto input = parsed(R"({"instance_type":"t3.micro","score":0.93,"region":null,"spot":null})");
  EXPECT_EQ(input.instance_type, "t3.micro");
  EXPECT_EQ(input.region, "");
  EXPECT_FALSE(input.spot);
}

}  // namespace
}  // namespace spawn
