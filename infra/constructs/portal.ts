/**
 * Portal: the web apps' static files (the customer portal's portal/dist and the staff console's console/dist, built by
 * `npm install`) in a private S3 bucket under `portal/` and `console/`, behind a CloudFront distribution that also
 * forwards `/rest/*` to the HTTP API, so each app calls the API on its own origin as it does locally, and its session
 * cookie (`__Host-`, SameSite=Strict) is that origin's. A CloudFront Function answers any page under /portal/ or
 * /console/ (a path without a file extension) with that app's index.html, as the local gateway does; the API's own
 * 404s are left alone.
 *
 * Hardening: every answer carries security headers (HSTS, a CSP allowing only the portal's own origin, no framing);
 * a WAF web ACL limits sign-in, sign-up, password-reset and invitation-accept calls per client address; requests to the API
 * carry a header only CloudFront knows (`originVerify`), and the API refuses requests without it, so the raw
 * execute-api URL cannot be used to go around the WAF.
 */
import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { privateBucket } from './private-bucket';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { routes } from '#routes/table';
import { acknowledge } from '../nag';
import { ORIGIN_VERIFY_HEADER } from '#routes/origin-verify';
import { contentSecurityPolicy } from '#routes/security-headers';

export interface PortalProps {
  /** The project root: the files come from portal/dist and console/dist. */
  readonly projectRoot: string;
  /** The HTTP API's domain (`<id>.execute-api.<region>.amazonaws.com`), the origin of `/rest/*`. */
  readonly apiDomain: string;
  /** The value CloudFront sends in ORIGIN_VERIFY_HEADER to the API, which refuses requests without it. */
  readonly originVerify: string;
  /** The attachments bucket's origin (`https://<bucket>.s3.<region>.amazonaws.com`): the portal fetches files from it and POSTs large ones to it. */
  readonly filesOrigin: string;
}

/** Calls per client address in any 5 minutes, on the routes that guess or spend passwords and tokens. */
export const AUTH_RATE_LIMIT_PER_5_MIN = 100;
/** Calls per client address in any 5 minutes, on anything: far above a person, low enough to slow a flood. */
export const OVERALL_RATE_LIMIT_PER_5_MIN = 3000;
export const RATE_LIMITED_PATHS = [
  routes.signIn.path,
  routes.signUp.path,
  routes.forgotPassword.path,
  routes.resetPassword.path,
  routes.acceptInvitation.path,
  routes.setConsolePassword.path,
  routes.forgotConsolePassword.path,
  routes.changeConsolePassword.path,
];
/** Rate-limited for POST only: the console's session path also answers GET (each new tab asks for its session). */
export const RATE_LIMITED_POSTS = [routes.signInToConsole.path];

/** The web apps the distribution serves, each under its own path (its files under the same key prefix). */
export const WEB_APPS = ['portal', 'console'] as const;

const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/portal/' } } };
  }
  var apps = ${JSON.stringify(WEB_APPS)};
  for (var i = 0; i < apps.length; i++) {
    var base = '/' + apps[i];
    if (uri === base) {
      return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: base + '/' } } };
    }
    if (uri.indexOf(base + '/') === 0 && uri.slice(uri.lastIndexOf('/') + 1).indexOf('.') === -1) request.uri = base + '/index.html';
  }
  return request;
}`;

export class Portal extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: PortalProps) {
    super(scope, id);
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Service desk portal and API: HSTS, CSP, no framing, no sniffing',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.filesOrigin), override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.webAcl = rateLimitingAcl(this);
    this.bucket = privateBucket(this, 'Files', {
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    acknowledge(this.bucket, 'S1', 'Holds only the built portal, read by CloudFront alone; requests are visible in CloudFront metrics and the WAF logs');
    const rewrite = new CloudFrontFunction(this, 'PortalPages', {
      code: FunctionCode.fromInline(SPA_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Any page under /portal/ or /console/ answers its app',
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Customer portal, staff console and their API',
      webAclId: this.webAcl.attrArn,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/rest/*': {
          origin: new HttpOrigin(props.apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerify },
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Every viewer cookie and header but Host: the portal's session cookie, X-CSRF-Token and Sec-Fetch-Site.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    acknowledge(this.distribution, 'CFR1', 'A help desk serves customers wherever they are: no country is blocked');
    acknowledge(this.distribution, 'CFR3', 'The API keeps JSON access logs of every /rest call (API Gateway) and the WAF counts blocked calls; the portal files are public assets');
    acknowledge(this.distribution, 'CFR4', 'The default *.cloudfront.net certificate cannot be pinned to TLS 1.2; with a custom domain set minimumProtocolVersion TLS_V1_2_2021 (docs/deploy.md)');
    for (const app of WEB_APPS) this.deploy(app, path.join(props.projectRoot, app, 'dist'));
  }

  /** One app's files under its prefix: hashed assets are immutable; index.html is revalidated so a deploy shows at once. */
  private deploy(app: (typeof WEB_APPS)[number], dist: string) {
    const id = app === 'portal' ? '' : 'Console';
    new BucketDeployment(this, `${id}Assets`, {
      sources: [Source.asset(dist, { exclude: ['index.html'] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${app}/`,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
    });
    new BucketDeployment(this, `${id}Index`, {
      sources: [Source.asset(dist, { exclude: ['assets/**'] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: `${app}/`,
      cacheControl: [CacheControl.fromString('no-cache')],
      prune: false,
      distribution: this.distribution,
      distributionPaths: [`/${app}/*`],
      memoryLimit: 256,
    });
  }

  /** Where the portal answers; set cdk.json's `portalUrl` to this (or to a custom domain in front of it). */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/portal`;
  }

  /** Where the staff console answers: the same distribution, under /console. */
  get consoleUrl(): string {
    return `https://${this.distribution.distributionDomainName}/console`;
  }
}

/**
 * A CloudFront-scoped web ACL (it must live in us-east-1: PortalStack does): per client address, at most
 * AUTH_RATE_LIMIT_PER_5_MIN calls to the sign-in, password and invitation routes, and OVERALL_RATE_LIMIT_PER_5_MIN
 * calls in all, in any 5 minutes; above that, 429 until the rate drops.
 */
const rateLimitingAcl = (scope: Construct): CfnWebACL => {
  const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
  const matches = (fieldToMatch: object, searchString: string) => ({
    byteMatchStatement: { fieldToMatch, positionalConstraint: 'EXACTLY', searchString, textTransformations: [{ priority: 0, type: 'NONE' }] },
  });
  const pathIs = (path: string) => matches({ uriPath: {} }, path);
  const postTo = (path: string) => ({ andStatement: { statements: [pathIs(path), matches({ method: {} }, 'POST')] } });
  const tooMany = { block: { customResponse: { responseCode: 429 } } };
  return new CfnWebACL(scope, 'RateLimits', {
    scope: 'CLOUDFRONT',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('ServiceDeskPortal'),
    rules: [
      {
        name: 'auth-routes-per-ip',
        priority: 0,
        action: tooMany,
        visibilityConfig: visibility('AuthRoutesPerIp'),
        statement: {
          rateBasedStatement: {
            limit: AUTH_RATE_LIMIT_PER_5_MIN,
            aggregateKeyType: 'IP',
            scopeDownStatement: { orStatement: { statements: [...RATE_LIMITED_PATHS.map(pathIs), ...RATE_LIMITED_POSTS.map(postTo)] } },
          },
        },
      },
      {
        name: 'all-routes-per-ip',
        priority: 1,
        action: tooMany,
        visibilityConfig: visibility('AllRoutesPerIp'),
        statement: { rateBasedStatement: { limit: OVERALL_RATE_LIMIT_PER_5_MIN, aggregateKeyType: 'IP' } },
      },
    ],
  });
};
