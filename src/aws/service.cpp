#include "aws/service.hpp"

namespace spawn::aws::services {

const ServiceInfo ec2{"ec2", "EC2", "2016-11-15", Protocol::ec2, "", "", false};
const ServiceInfo iam{"iam", "IAM", "2010-05-08", Protocol::query, "", "", true};
const ServiceInfo sts{"sts", "STS", "2011-06-15", Protocol::query, "", "", false};
const ServiceInfo ssm{"ssm", "SSM", "2014-11-06", Protocol::json, "AmazonSSM", "1.1", false};
const ServiceInfo s3{"s3", "S3", "2006-03-01", Protocol::rest_xml, "", "", false};
const ServiceInfo dynamodb{"dynamodb",          "DYNAMODB", "2012-08-10", Protocol::json,
                           "DynamoDB_20120810", "1.0",      false};
const ServiceInfo scheduler{"scheduler", "SCHEDULER", "2021-06-30", Protocol::rest_json,
                            "",          "",          false};
const ServiceInfo lambda{"lambda", "LAMBDA", "2015-03-31", Protocol::rest_json, "", "", false};
const ServiceInfo sso{"awsssoportal", "SSO", "2019-06-10", Protocol::rest_json, "", "", false};

}  // namespace spawn::aws::services
