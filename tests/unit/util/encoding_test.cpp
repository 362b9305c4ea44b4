#include "util/encoding.hpp"

#include <gtest/gtest.h>

namespace spawn {
namespace {

TEST(Encoding, HexEncodeIsLowerCaseTwoDigitsPerByte) {
  EXPECT_EQ(hex_encode(std::string_view("\x00\x0f\xa0\xff", 4)), "000fa0ff");
  EXPECT_EQ(hex_encode(std::string_view()), "");
}

// RFC 4648 section 10.
TEST(Encoding, Base64EncodesTheRfcVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Encoding, Base64RoundTripsEveryByteValueAndLength) {
  std::string bytes;
  for (int i = 0; i < 256; ++i)
    bytes += static_cast<char>(i);
  for (std::size_t length = 0; length <= bytes.size(); length += 37) {
    auto slice = bytes.substr(0, length);
    auto decoded = base64_decode(base64_encode(slice));
    ASSERT_TRUE(decoded.has_value()) << "length " << length;
    EXPECT_EQ(*decoded, slice);
  }
  EXPECT_EQ(base64_decode("Zm9vYg==").value(), "foob");
  EXPECT_EQ(base64_decode("+/+/").value(), "\xfb\xff\xbf");
}

TEST(Encoding, Base64DecodeRejectsMalformedText) {
  for (std::string_view bad : {"Zg=", "Zm9vY", "Zm9v\nYg==", "Zm-v",
                               "Z===", "====", "Zg==Zg==", "Zm=v", "Zm9v Yg=", "Zg_="}) {
    auto decoded = base64_decode(bad);
    ASSERT_FALSE(decoded.has_value()) << bad;
    EXPECT_EQ(decoded.error().kind, ErrorKind::parse);
  }
}

TEST(Encoding, UriEncodeKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(uri_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(uri_encode("a b+c"), "a%20b%2Bc");
  EXPECT_EQ(uri_encode("$&=*%"), "%24%26%3D%2A%25");
}

TEST(Encoding, UriEncodeSlashDependsOnTheCaller) {
  EXPECT_EQ(uri_encode("/a/b c/", Slash::keep), "/a/b%20c/");
  EXPECT_EQ(uri_encode("/a/b c/", Slash::encode), "%2Fa%2Fb%20c%2F");
}

TEST(Encoding, UriEncodeEncodesUtf8ByteByByteInUpperCase) {
  EXPECT_EQ(uri_encode("\xe1\x88\xb4"), "%E1%88%B4");
  EXPECT_EQ(uri_encode("caf\xc3\xa9"), "caf%C3%A9");
}

TEST(Encoding, FormEncodeWritesSpaceAsPlusLikeBotocore) {
  EXPECT_EQ(form_encode("a b&c=d"), "a+b%26c%3Dd");
  EXPECT_EQ(form_encode("1+1~2/3"), "1%2B1~2%2F3");
  EXPECT_EQ(form_encode("\xc3\xa9"), "%C3%A9");
}

TEST(Encoding, PercentDecodeReversesBothEncodings) {
  EXPECT_EQ(percent_decode("a%20b%2Bc", PlusMeans::plus).value(), "a b+c");
  EXPECT_EQ(percent_decode("a+b%26c%3Dd", PlusMeans::space).value(), "a b&c=d");
  EXPECT_EQ(percent_decode("a+b", PlusMeans::plus).value(), "a+b");
  EXPECT_EQ(percent_decode("%e1%88%B4", PlusMeans::plus).value(), "\xe1\x88\xb4");
  std::string text = "~x y/\xe2\x82\xac+";
  EXPECT_EQ(percent_decode(uri_encode(text), PlusMeans::plus).value(), text);
  EXPECT_EQ(percent_decode(form_encode(text), PlusMeans::space).value(), text);
}

TEST(Encoding, PercentDecodeRejectsBrokenEscapes) {
  for (std::string_view bad : {"%", "%4", "abc%", "%zz", "%4g", "100%"}) {
    auto decoded = percent_decode(bad, PlusMeans::plus);
    ASSERT_FALSE(decoded.has_value()) << bad;
    EXPECT_EQ(decoded.error().kind, ErrorKind::parse);
  }
}

}  // namespace
}  // namespace spawn
