#!/usr/bin/env bash
# The README's walkthrough as one script (CI runs it through test/e2e/walkthrough.test.ts).
# Needs a running rolechain with the env below exported: AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY (the management account's root key), AWS_REGION.
set -euo pipefail
aws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }

# 1. An organization with two member accounts, ABC and XYZ, with fixed ids.
aws organizations create-organization --feature-set ALL >/dev/null
aws organizations create-account --email abc@example.com --account-name ABC \
  --tags Key=rolechain:account-id,Value=222222222222 >/dev/null
aws organizations create-account --email xyz@example.com --account-name XYZ \
  --tags Key=rolechain:account-id,Value=333333333333 >/dev/null
aws organizations list-accounts --query 'Accounts[].[Id,Name]' --output text

# 2. A developer in the management account who may assume roles (root may not).
aws iam create-user --user-name dev >/dev/null
aws iam put-user-policy --user-name dev --policy-name assume-roles --policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}'
read -r DEV_KEY DEV_SECRET < <(aws iam create-access-key --user-name dev \
  --query 'AccessKey.[AccessKeyId,SecretAccessKey]' --output text)
as_dev() { AWS_ACCESS_KEY_ID=$DEV_KEY AWS_SECRET_ACCESS_KEY=$DEV_SECRET AWS_SESSION_TOKEN= "$@"; }

# A helper: run a command with the credentials of an assumed role.
with_role() { # with_role ROLE_ARN SESSION_NAME command...
  local arn=$1 name=$2; shift 2
  read -r k s t < <(aws sts assume-role --role-arn "$arn" --role-session-name "$name" \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
  AWS_ACCESS_KEY_ID=$k AWS_SECRET_ACCESS_KEY=$s AWS_SESSION_TOKEN=$t "$@"
}

# 3. Through the OrganizationAccountAccessRole that CreateAccount made in each account: in ABC,
#    RoleABC, trusted by the management account, may assume RoleXYZ ...
as_dev with_role arn:aws:iam::222222222222:role/OrganizationAccountAccessRole setup bash -c '
  aws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
  aws iam create-role --role-name RoleABC --assume-role-policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\"}]}" >/dev/null
  aws iam put-role-policy --role-name RoleABC --policy-name chain --policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::333333333333:role/RoleXYZ\"}]}"'

# ... then in XYZ: RoleXYZ trusts RoleABC (IAM checks that a trusted principal exists, as AWS does).
as_dev with_role arn:aws:iam::333333333333:role/OrganizationAccountAccessRole setup bash -c '
  aws() { command aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
  aws iam create-role --role-name RoleXYZ --assume-role-policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:role/RoleABC\"},\"Action\":\"sts:AssumeRole\"}]}" >/dev/null
  aws iam attach-role-policy --role-name RoleXYZ --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
# 4. The chain: dev → RoleABC → RoleXYZ.
as_dev with_role arn:aws:iam::222222222222:role/RoleABC hop1 \
  with_role arn:aws:iam::333333333333:role/RoleXYZ hop2 \
  aws sts get-caller-identity --query Arn --output text

# 5. A chained session is capped at one hour, with AWS's error.
as_dev with_role arn:aws:iam::222222222222:role/RoleABC hop1 \
  aws sts assume-role --role-arn arn:aws:iam::333333333333:role/RoleXYZ --role-session-name long \
  --duration-seconds 7200 2>&1 >/dev/null | grep -o 'ValidationError.*' || true

# 6. Who may do what: the simulator, with the engine's matched statements.
aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::111111111111:user/dev \
  --action-names sts:AssumeRole iam:CreateUser --query 'EvaluationResults[].[EvalActionName,EvalDecision]' --output text

# 7. Guardrails (seed 001): an SCP on the OU of ABC denies iam:CreateUser, even to its admin role.
root=$(aws organizations list-roots --query 'Roots[0].Id' --output text)
aws organizations enable-policy-type --root-id "$root" --policy-type SERVICE_CONTROL_POLICY >/dev/null
ou=$(aws organizations create-organizational-unit --parent-id "$root" --name Workloads \
  --query OrganizationalUnit.Id --output text)
aws organizations move-account --account-id 222222222222 --source-parent-id "$root" --destination-parent-id "$ou"
p=$(aws organizations create-policy --name no-iam-users --type SERVICE_CONTROL_POLICY --description 'No IAM users' \
  --content '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}' \
  --query Policy.PolicySummary.Id --output text)
aws organizations attach-policy --policy-id "$p" --target-id "$ou"
as_dev with_role arn:aws:iam::222222222222:role/OrganizationAccountAccessRole admin \
  aws iam create-user --user-name x 2>&1 >/dev/null | grep -o 'AccessDenied.*' || true

# 8. Seed 003: an instance whose role comes from its own metadata service.
aws iam create-role --role-name ExampleRole --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}' >/dev/null
aws iam create-instance-profile --instance-profile-name ExampleProfile >/dev/null
aws iam add-role-to-instance-profile --instance-profile-name ExampleProfile --role-name ExampleRole
id=$(aws ec2 run-instances --image-id ami-0123456789abcdef0 --count 1 --query 'Instances[0].InstanceId' --output text)
aws ec2 associate-iam-instance-profile --instance-id "$id" --iam-instance-profile Name=ExampleProfile >/dev/null
on_instance() { (eval "$(npx rolechain instance env "$id")" && unset AWS_EC2_METADATA_DISABLED && "$@"); }
on_instance bash -c 'curl -s "$AWS_EC2_METADATA_SERVICE_ENDPOINT/latest/meta-data/iam/security-credentials/"; echo'
on_instance aws sts get-caller-identity --query Arn --output text | sed "s/$id/<instance-id>/"

# 9. Seed 004: who is behind a session? Back from the instance's credentials to EC2, hop by hop.
key=$(on_instance bash -c 'curl -s "$AWS_EC2_METADATA_SERVICE_ENDPOINT/latest/meta-data/iam/security-credentials/ExampleRole"' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["AccessKeyId"])')
npx rolechain trail chain "$key" | python3 -c '
import json, sys
for hop in map(json.loads, sys.stdin):
    print(hop["event"], hop["session"], "by", hop["by"]["type"], hop["by"].get("invokedBy", ""))' | sed "s/$id/<instance-id>/"
