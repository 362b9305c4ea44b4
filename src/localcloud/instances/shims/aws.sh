#!/bin/bash
# aws inside a localcloud sandbox: Debian's AWS CLI 2.9 predates AWS_ENDPOINT_URL,
# so this passes it on as --endpoint-url (unless the command names one) and then
# runs the real CLI from the rest of PATH. Credentials still come from IMDS.
set -u
shim_dir=$(dirname "$0")
real_aws=$(PATH="${PATH//$shim_dir:/}" command -v aws) || {
  echo "aws: the AWS CLI is not installed" >&2
  exit 127
}
for argument in "$@"; do
  case "$argument" in
    --endpoint-url | --endpoint-url=*) exec "$real_aws" "$@" ;;
  esac
done
if [ -n "${AWS_ENDPOINT_URL:-}" ]; then
  exec "$real_aws" --endpoint-url "$AWS_ENDPOINT_URL" "$@"
fi
exec "$real_aws" "$@"
