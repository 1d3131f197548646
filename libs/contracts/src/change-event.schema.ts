import { z } from 'zod';
import {
  SNAPSHOT_ENTITY_NAMES,
  configEntrySchema,
  gatewayKeyEntrySchema,
  policyEntrySchema,
  projectEntrySchema,
  serverEntrySchema,
  toolPinEntrySchema,
  type SnapshotEntity,
} from './snapshot.schema';

const version = z.number().int().positive();

const upsert = <E extends SnapshotEntity, T extends z.ZodType>(entity: E, data: T) =>
  z.object({ version, op: z.literal('upsert'), entity: z.literal(entity), id: z.string(), data });

const upsertEventSchema = z.discriminatedUnion('entity', [
  upsert('keys', gatewayKeyEntrySchema),
  upsert('projects', projectEntrySchema),
  upsert('configs', configEntrySchema),
  upsert('servers', serverEntrySchema),
  upsert('policies', policyEntrySchema),
  upsert('toolPins', toolPinEntrySchema),
]);

const deleteEventSchema = z.object({
  version,
  op: z.literal('delete'),
  entity: z.enum(SNAPSHOT_ENTITY_NAMES as [SnapshotEntity, ...SnapshotEntity[]]),
  id: z.string(),
});

/** Carries no state: a worker seeing it reloads the whole snapshot (e.g. after a restore). */
const resetEventSchema = z.object({ version, op: z.literal('reset') });

/** One committed configuration change, published to the workers in version order. */
export const changeEventSchema = z.union([upsertEventSchema, deleteEventSchema, resetEventSchema]);

/** A versioned change. */
export type ChangeEvent = z.infer<typeof changeEventSchema>;

type WithoutVersion<T> = T extends unknown ? Omit<T, 'version'> : never;
/** A change as a service records it, before the outbox gives it a version. */
export type Change = WithoutVersion<ChangeEvent>;
