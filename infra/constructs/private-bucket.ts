/** Every bucket of the product is private: S3-managed encryption, no public access, TLS only. */
import { BlockPublicAccess, Bucket, BucketEncryption, type BucketProps } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export const privateBucket = (scope: Construct, id: string, props: BucketProps): Bucket =>
  new Bucket(scope, id, { encryption: BucketEncryption.S3_MANAGED, blockPublicAccess: BlockPublicAccess.BLOCK_ALL, enforceSSL: true, ...props });
