/**
 * The one DynamoDB client. Every command asks for its consumed capacity, and a meter counts round trips and
 * capacity per operation kind, so benchmarks and tests can assert on "one transaction", "one Query", "no Scan".
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface MeterReading {
  roundTrips: number;
  capacityUnits: number;
  commands: Record<string, number>;
}

let reading: MeterReading = { roundTrips: 0, capacityUnits: 0, commands: {} };

export const storeMeter = {
  reset(): void {
    reading = { roundTrips: 0, capacityUnits: 0, commands: {} };
  },
  read(): MeterReading {
    return { ...reading, commands: { ...reading.commands } };
  },
};

type CapacityOutput = { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
const capacityOf = (output: CapacityOutput): number => {
  const consumed = output.ConsumedCapacity;
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
};

export const tableName = (): string => {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
};

/** Table administration, which takes no ReturnConsumedCapacity; every other command is metered. */
const CONTROL_COMMANDS = new Set([
  'CreateTableCommand', 'DeleteTableCommand', 'DescribeTableCommand', 'ListTablesCommand', 'UpdateTimeToLiveCommand',
]);

let documentClient: DynamoDBDocumentClient | undefined;

export const dynamo = (): DynamoDBDocumentClient => {
  if (documentClient) return documentClient;
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const raw = new DynamoDBClient(
    endpoint
      ? { endpoint, region: process.env.AWS_REGION ?? 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {},
  );
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      if (CONTROL_COMMANDS.has(command)) return next(args);
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      reading.roundTrips += 1;
      reading.commands[command] = (reading.commands[command] ?? 0) + 1;
      reading.capacityUnits += capacityOf(result.output as CapacityOutput);
      return result;
    },
    { step: 'initialize', name: 'storeMeter' },
  );
  documentClient = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return documentClient;
};
