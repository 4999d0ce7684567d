// The sync wire protocol, shared by the extension's sync client and the team server.
// Every request carries SCHEMA_VERSION in the `Ficha-Schema-Version` header; bump it when these shapes change
// incompatibly, so an old client gets "update needed" instead of writing data it does not understand.
import { z } from 'zod';
import { CLIENT_ID_PATTERN, HLC_PATTERN } from './hlc.ts';

export const SCHEMA_VERSION = 1;
export const SCHEMA_VERSION_HEADER = 'Ficha-Schema-Version';

/** Synced tables. Notes are activities of type `note.added`. */
export const ENTITIES = [
  'contacts',
  'companies',
  'activities',
  'stageHistory',
  'deals',
  'templates',
  'scoringModels',
  'neverLog',
] as const;
export type Entity = (typeof ENTITIES)[number];

/** Append-only entities: a put never rewrites a field already written (earliest write wins), deduplicated by natural key. */
export const APPEND_ONLY: ReadonlySet<Entity> = new Set<Entity>(['activities']);

export const LIMITS = {
  maxBatch: 1000, // mutations per push
  maxFieldsBytes: 32 * 1024, // JSON of one mutation's fields
  maxFieldsPerMutation: 200,
  maxBodyBytes: 4 * 1024 * 1024, // whole request body
  maxPullLimit: 1000,
  defaultPullLimit: 500,
} as const;

export const HlcSchema = z.string().regex(HLC_PATTERN, 'expected an HLC stamp "<15-digit ms>:<6-digit counter>:<clientId>"');
export const ClientIdSchema = z.string().regex(CLIENT_ID_PATTERN, 'expected 1-64 chars of A-Z a-z 0-9 _ -');
export const EntityIdSchema = z.string().min(1).max(128);
const FieldNameSchema = z.string().min(1).max(64).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'field names are identifiers');

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export const JsonSchema: z.ZodType<Json> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]),
);

const FieldsSchema = z
  .record(FieldNameSchema, JsonSchema)
  .refine((f) => Object.keys(f).length <= LIMITS.maxFieldsPerMutation, `at most ${LIMITS.maxFieldsPerMutation} fields`)
  .refine((f) => JSON.stringify(f).length <= LIMITS.maxFieldsBytes, `fields larger than ${LIMITS.maxFieldsBytes} bytes`);

/**
 * One change from a client's outbox. `hlc` stamps every field of a put (and the delete itself).
 * Activities must carry their natural key (`naturalKey`, e.g. `email:<messageId>:<contactId>`).
 */
export const MutationSchema = z.discriminatedUnion('op', [
  z.strictObject({
    mutationId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    entity: z.enum(ENTITIES),
    op: z.literal('put'),
    id: EntityIdSchema,
    hlc: HlcSchema,
    fields: FieldsSchema,
    naturalKey: z.string().min(1).max(512).optional(),
  }),
  z.strictObject({
    mutationId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    entity: z.enum(ENTITIES),
    op: z.literal('delete'),
    id: EntityIdSchema,
    hlc: HlcSchema,
  }),
]);
export type Mutation = z.infer<typeof MutationSchema>;

export const PushRequestSchema = z
  .strictObject({
    clientId: ClientIdSchema,
    mutations: z.array(MutationSchema).min(1).max(LIMITS.maxBatch),
  })
  .superRefine((req, ctx) => {
    req.mutations.forEach((m, i) => {
      const prev = req.mutations[i - 1];
      if (prev && m.mutationId !== prev.mutationId + 1) {
        ctx.addIssue({ code: 'custom', path: ['mutations', i, 'mutationId'], message: 'mutation ids in a batch must be consecutive' });
      }
      if (m.op === 'put' && APPEND_ONLY.has(m.entity) !== (m.naturalKey !== undefined)) {
        ctx.addIssue({ code: 'custom', path: ['mutations', i, 'naturalKey'], message: APPEND_ONLY.has(m.entity) ? 'activities need their natural key' : 'only activities carry a natural key' });
      }
      if (!m.hlc.endsWith(`:${req.clientId}`)) {
        ctx.addIssue({ code: 'custom', path: ['mutations', i, 'hlc'], message: 'hlc must end with the pushing clientId' });
      }
    });
  });
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const PushResponseSchema = z.object({
  /** Highest mutation id of this client the server has applied (0 when none). Drop outbox entries ≤ it. */
  lastMutationId: z.number().int().nonnegative(),
  applied: z.number().int().nonnegative(),
  /** Mutations already applied earlier (retries): acknowledged, not applied again. */
  replayed: z.number().int().nonnegative(),
  /** Activity puts whose natural key another id already holds: acknowledged, not stored; keep `keptId`. */
  duplicates: z.array(z.object({ entity: z.enum(ENTITIES), id: EntityIdSchema, keptId: EntityIdSchema })),
  /** The team's version after this push. */
  head: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** A row's full mergeable state (see merge.ts). Tombstones have `deleted: true` and keep their clocks. */
export const RowStateSchema = z.object({
  fields: z.record(z.string(), JsonSchema),
  clocks: z.record(z.string(), HlcSchema),
  put: HlcSchema.nullable(),
  del: HlcSchema.nullable(),
});

export const PulledRowSchema = RowStateSchema.extend({
  entity: z.enum(ENTITIES),
  id: EntityIdSchema,
  naturalKey: z.string().nullable(),
  deleted: z.boolean(),
  version: z.number().int().positive(),
});
export type PulledRow = z.infer<typeof PulledRowSchema>;

export const PullQuerySchema = z.strictObject({
  /** Opaque: pass back exactly what the previous page returned; omit for a full pull. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.maxPullLimit).optional(),
});

export const PullResponseSchema = z.object({
  rows: z.array(PulledRowSchema),
  /** Pass as `cursor` next time (also when `hasMore` is false: it is where the next incremental pull starts). */
  cursor: z.string(),
  hasMore: z.boolean(),
  /** The team's version when the page was read: progress = last row's version / head. */
  head: z.number().int().nonnegative(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

export const WhoAmIResponseSchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  token: z.object({ id: z.string(), label: z.string() }),
  schemaVersion: z.number().int(),
  head: z.number().int().nonnegative(),
});
export type WhoAmIResponse = z.infer<typeof WhoAmIResponseSchema>;

export const ERROR_CODES = [
  'invalid_request', // 400: malformed JSON, wrong types, unknown fields (details: zod issues)
  'schema_version_missing', // 400
  'unauthorized', // 401: missing, unknown or revoked token
  'forbidden', // 403
  'not_found', // 404
  'mutation_gap', // 409: the batch starts after a missing mutation; details.lastMutationId says where to resume
  'server_update_needed', // 409: the client speaks a newer schema than this server
  'payload_too_large', // 413
  'client_update_needed', // 426: the client's schema is older than the server's
  'clock_in_future', // 400: an HLC stamp far ahead of the server's clock
  'rate_limited', // 429: details.retryAfterSeconds
  'internal', // 500
  'unavailable', // 503
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Server → client notifications on GET /v1/events (SSE): `event: head`, `data: {"head": n}`. */
export const HeadEventSchema = z.object({ head: z.number().int().nonnegative() });
