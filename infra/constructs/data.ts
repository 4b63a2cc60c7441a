/** Data: the single table, built from the store's own description of it (shared/store/table-spec.ts). */
import { RemovalPolicy, Stack, type CfnElement } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge, wildcardUnder } from '../nag';
import { ALL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '#store/table-spec';

/**
 * The item-level actions the store's commands need (shared/store): Get, Put, Update, Delete, Query, BatchGet,
 * BatchWrite, and TransactWriteItems, which IAM authorizes per contained Put/Update/Delete/ConditionCheck.
 * No Scan, no table administration. test/infra.test.ts checks this list against the commands the store sends.
 */
export const ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/**
 * The invitation cleanup needs less: it reads with GetItem and Query, and writes single items and transactions of
 * Put, Update and Delete; no batch, no condition-check item, no Scan. test/cleanup.test.ts checks this list against
 * every command a sweep sends.
 */
export const CLEANUP_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const satisfies readonly ItemAction[];

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: stringKey(TABLE_KEYS.partition),
      sortKey: stringKey(TABLE_KEYS.sort),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // A backstop only: expiry is always checked in code, since DynamoDB deletes expired items up to days late.
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // Customer data outlives the stack: deleting the stack must never delete the table.
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: ALL_INDEXES.map((index) => ({
        indexName: index.name,
        partitionKey: stringKey(index.partition),
        sortKey: stringKey(index.sort),
        projectionType: ProjectionType.ALL,
      })),
    });
  }

  /** Read and write items (table and indexes), exactly as the store does; or only the given item actions. */
  grantItemAccess(grantee: IGrantable & IConstruct, actions: readonly ItemAction[] = ITEM_ACTIONS) {
    const tableId = Stack.of(this).getLogicalId(this.table.node.defaultChild as CfnElement);
    acknowledge(grantee, wildcardUnder(tableId, 'index/*'), 'The three overloaded GSIs (relations, lists, selections) serve every list; item actions only, on this table and its indexes');
    return this.table.grant(grantee, ...actions);
  }
}
