/**
 * The AWS Parameters and Secrets Lambda Extension (arm64), pinned per region. CDK's built-in table
 * (`ParamsAndSecretsVersions.V1_0_103`) points at an old build, with a different layer number in each region; here
 * each region names its layer version explicitly. AWS publishes the current ARNs in the Systems Manager user guide
 * ("AWS Parameters and Secrets Lambda Extension ARNs"); check one with
 * `aws lambda get-layer-version-by-arn --arn <arn>` and raise the number here when AWS ships a new build.
 * A region missing here, or a newer build, can be given at deploy time: `-c paramsAndSecretsLayerArn=<arn>`.
 */
import type { Construct } from 'constructs';

/** Layer ARNs by region (the regions where SES receives mail, and their neighbours). */
export const PARAMS_AND_SECRETS_ARM64: Readonly<Record<string, string>> = {
  'us-east-1': 'arn:aws:lambda:us-east-1:177933569100:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:21',
  'us-east-2': 'arn:aws:lambda:us-east-2:590474943231:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:25',
  'us-west-2': 'arn:aws:lambda:us-west-2:345057560386:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:23',
  'ca-central-1': 'arn:aws:lambda:ca-central-1:200266452380:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:21',
  'eu-west-1': 'arn:aws:lambda:eu-west-1:015030872274:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:21',
  'eu-west-2': 'arn:aws:lambda:eu-west-2:133256977650:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:20',
  'ap-northeast-1': 'arn:aws:lambda:ap-northeast-1:133490724326:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:21',
};

/** The layer for the stack's region: the context override, else the table; an unknown region stops the synth. */
export const paramsAndSecretsLayerArn = (scope: Construct, region: string): string => {
  const override: unknown = scope.node.tryGetContext('paramsAndSecretsLayerArn');
  if (typeof override === 'string' && override !== '') return override;
  const arn = PARAMS_AND_SECRETS_ARM64[region];
  if (!arn) {
    throw new Error(
      `infra/secrets-layer.ts has no Parameters and Secrets extension layer for ${region}: add it there, or deploy with -c paramsAndSecretsLayerArn=<arn>`,
    );
  }
  return arn;
};
