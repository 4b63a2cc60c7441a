/**
 * Attachments: a private bucket for the files of requests (shared/store/attachment-files.ts). S3-managed encryption,
 * every kind of public access blocked, TLS only; files uploaded but never attached (`temporary/`) expire after a
 * day, incomplete multipart uploads after one. Functions get exactly the object actions they use, under the
 * prefixes they use; downloads are presigned GETs by the `attachments` function, which may read every object.
 */
import { Duration, RemovalPolicy, Stack, type CfnElement } from 'aws-cdk-lib';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Bucket, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { privateBucket } from './private-bucket';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge, wildcardUnder } from '../nag';

/** Keep in step with shared/store/attachment-files.ts. */
export const TEMPORARY_PREFIX = 'temporary/';
export const TEMPORARY_RETENTION_DAYS = 1;

export interface AttachmentsProps {
  /** The portal's origin: browsers there upload large files straight to the bucket and fetch downloads. */
  readonly portalUrl: string;
}

/** What a function does with attachment objects, by prefix. */
export type AttachmentAccess = { actions: Array<'s3:GetObject' | 's3:PutObject'>; prefixes: string[] };

export class Attachments extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AttachmentsProps) {
    super(scope, id);
    this.bucket = privateBucket(this, 'Files', {
      lifecycleRules: [
        { id: 'expire-temporary-uploads', prefix: TEMPORARY_PREFIX, expiration: Duration.days(TEMPORARY_RETENTION_DAYS) },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      cors: [{ allowedOrigins: [new URL(props.portalUrl).origin], allowedMethods: [HttpMethods.GET, HttpMethods.POST], allowedHeaders: ['*'], exposedHeaders: ['Content-Disposition'], maxAge: 3600 }],
      // Customer files outlive the stack, as the table does.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.bucket, 'S1', 'Every read of a file goes through the API, which logs it with the caller; S3 server access logs would need a second bucket and add nothing');
  }

  get environment(): Record<string, string> {
    return { ATTACHMENTS_BUCKET: this.bucket.bucketName };
  }

  /** The object actions under the prefixes given, nothing else (no listing, no deletes). */
  grant(grantee: IGrantable & IConstruct, access: AttachmentAccess): Grant {
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement);
    for (const prefix of access.prefixes) acknowledge(grantee, wildcardUnder(bucketId, `${prefix}*`), `${access.actions.join(' and ')} on the attachment objects under ${prefix}, one object per file`);
    return Grant.addToPrincipal({ grantee, actions: access.actions, resourceArns: access.prefixes.map((p) => this.bucket.arnForObjects(`${p}*`)) });
  }
}
