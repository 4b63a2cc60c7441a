/** An organization's properties (key -> JSON value): one item each on the organization's properties partition. */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './client';
import { organizationPropertiesPartition, organizationPropertyItem, organizationPropertyKeys, toOrganizationProperty, toPropertyKey } from './entities/organization-property';
import { partitionQuery, queryAll } from './query';

export const propertyKeysOf = async (organizationId: string): Promise<string[]> =>
  (await queryAll(partitionQuery(organizationPropertiesPartition(organizationId), { projection: 'propertyKey' }))).map((i) => toPropertyKey(i).propertyKey);

export const getProperty = async (organizationId: string, key: string): Promise<{ value: unknown } | undefined> => {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: organizationPropertyKeys(organizationId, key) }));
  return out.Item ? { value: JSON.parse(toOrganizationProperty(out.Item).json) as unknown } : undefined;
};

/** Stores the value as JSON text (any JSON, including null); answers whether it existed before. */
export const putProperty = async (organizationId: string, key: string, json: string): Promise<'created' | 'updated'> => {
  const out = await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: organizationPropertyItem(organizationId, { propertyKey: key, json }),
      ReturnValues: 'ALL_OLD',
    }),
  );
  return out.Attributes ? 'updated' : 'created';
};

export const deleteProperty = async (organizationId: string, key: string): Promise<boolean> => {
  const out = await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: organizationPropertyKeys(organizationId, key), ReturnValues: 'ALL_OLD' }));
  return out.Attributes !== undefined;
};
