/**
 * Portal: the customer portal's static files (portal/dist, built by `npm install`) in a private S3 bucket under
 * `portal/`, behind a CloudFront distribution that also forwards `/rest/*` to the HTTP API, so the app calls the API
 * on its own origin as it does locally. A CloudFront Function answers any page under /portal/ (a path without a file
 * extension) with /portal/index.html, as the local gateway does; the API's own 404s are left alone.
 */
import * as path from 'node:path';
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
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
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface PortalProps {
  /** The project root: the files come from portal/dist. */
  readonly projectRoot: string;
  /** The HTTP API's domain (`<id>.execute-api.<region>.amazonaws.com`), the origin of `/rest/*`. */
  readonly apiDomain: string;
}

const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/portal') {
    return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/portal/' } } };
  }
  if (uri.indexOf('/portal/') === 0 && uri.slice(uri.lastIndexOf('/') + 1).indexOf('.') === -1) request.uri = '/portal/index.html';
  return request;
}`;

export class Portal extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: PortalProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const rewrite = new CloudFrontFunction(this, 'PortalPages', {
      code: FunctionCode.fromInline(SPA_REWRITE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Any page under /portal/ answers the app',
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Customer portal and its API',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/rest/*': {
          origin: new HttpOrigin(props.apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });
    const dist = path.join(props.projectRoot, 'portal', 'dist');
    // Hashed assets are immutable; index.html is revalidated so a deploy shows at once.
    new BucketDeployment(this, 'Assets', {
      sources: [Source.asset(dist, { exclude: ['index.html'] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'portal/',
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      prune: false,
    });
    new BucketDeployment(this, 'Index', {
      sources: [Source.asset(dist, { exclude: ['assets/**'] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'portal/',
      cacheControl: [CacheControl.fromString('no-cache')],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/portal/*'],
      memoryLimit: 256,
    });
  }

  /** Where the portal answers; set cdk.json's `portalUrl` to this (or to a custom domain in front of it). */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}/portal`;
  }
}
