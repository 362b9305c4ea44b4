#include "aws/xml.hpp"

#include <gtest/gtest.h>

#include "util/time_format.hpp"

namespace spawn::aws {
namespace {

constexpr const char* kInstances = R"(<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>req-9</requestId>
  <reservationSet>
    <item>
      <instancesSet>
        <item>
          <instanceId>i-1</instanceId>
          <instanceState><code>16</code><name>running</name></instanceState>
          <launchTime>2024-05-01T10:20:30.000Z</launchTime>
          <ebsOptimized>false</ebsOptimized>
          <tagSet>
            <item><key>Name</key><value>a &amp; b</value></item>
            <item><key>Empty</key><value/></item>
          </tagSet>
        </item>
      </instancesSet>
    </item>
  </reservationSet>
</DescribeInstancesResponse>)";

pugi::xml_node first_instance(const pugi::xml_document& document) {
  auto reservations = xml::list(document.document_element(), "reservationSet");
  return xml::list(reservations.at(0), "instancesSet").at(0);
}

TEST(Xml, ReadsTextAlongAPathOfLocalNames) {
  auto document = xml::parse(kInstances, "test");
  ASSERT_TRUE(document) << document.error().message;
  pugi::xml_node instance = first_instance(**document);
  EXPECT_EQ(xml::text(instance, "instanceId"), "i-1");
  EXPECT_EQ(xml::text(instance, "instanceState/name"), "running");
  EXPECT_EQ(xml::text(instance, "instanceState/missing"), "");
  EXPECT_EQ(xml::text((*document)->document_element(), "requestId"), "req-9");
}

TEST(Xml, ReadsTypedValues) {
  auto document = xml::parse(kInstances, "test");
  ASSERT_TRUE(document);
  pugi::xml_node instance = first_instance(**document);
  EXPECT_EQ(xml::integer(instance, "instanceState/code"), 16);
  EXPECT_EQ(xml::integer(instance, "instanceState/name"), std::nullopt);
  EXPECT_EQ(xml::boolean(instance, "ebsOptimized"), false);
  EXPECT_EQ(xml::boolean(instance, "instanceId"), std::nullopt);
  EXPECT_EQ(xml::timestamp(instance, "launchTime"), *parse_iso8601("2024-05-01T10:20:30Z"));
  EXPECT_EQ(xml::timestamp(instance, "instanceId"), std::nullopt);
}

TEST(Xml, TellsAnEmptyElementFromAMissingOne) {
  auto document = xml::parse(kInstances, "test");
  ASSERT_TRUE(document);
  auto tags = xml::list(first_instance(**document), "tagSet");
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(xml::text(tags[0], "value"), "a & b");
  EXPECT_EQ(xml::optional_text(tags[1], "value"), "");
  EXPECT_EQ(xml::optional_text(tags[1], "nothing"), std::nullopt);
}

TEST(Xml, ListsQueryMembersAndFlattenedChildren) {
  auto document = xml::parse(
      "<r:Root xmlns:r='urn:r'><r:Roles><r:member><r:RoleName>a</r:RoleName></r:member>"
      "<r:member><r:RoleName>b</r:RoleName></r:member></r:Roles>"
      "<Contents><Key>k1</Key></Contents><Other/><Contents><Key>k2</Key></Contents></r:Root>",
      "test");
  ASSERT_TRUE(document);
  pugi::xml_node root = (*document)->document_element();
  auto roles = xml::list(root, "Roles");
  ASSERT_EQ(roles.size(), 2u);
  EXPECT_EQ(xml::text(roles[1], "RoleName"), "b");
  auto contents = xml::children(root, "Contents");
  ASSERT_EQ(contents.size(), 2u);
  EXPECT_EQ(xml::text(contents[1], "Key"), "k2");
  EXPECT_TRUE(xml::list(root, "Missing").empty());
}

TEST(Xml, ReportsBadXmlAsAParseErrorNamingTheDocument) {
  auto document = xml::parse("<a><b></a>", "ec2 DescribeInstances");
  ASSERT_FALSE(document);
  EXPECT_EQ(document.error().kind, ErrorKind::parse);
  EXPECT_NE(document.error().message.find("ec2 DescribeInstances"), std::string::npos);
  EXPECT_FALSE(xml::parse("", "empty"));
  EXPECT_FALSE(xml::parse("just text", "text"));
}

}  // namespace
}  // namespace spawn::aws
