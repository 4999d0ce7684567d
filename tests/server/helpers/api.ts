// Small request helpers over app.request(): the headers a real client sends, JSON in and out.
import type { App } from '../../../server/app.ts';
import { SCHEMA_VERSION, SCHEMA_VERSION_HEADER, type Mutation } from '../../../lib/sync/wire.ts';
import { encodeHlc } from '../../../lib/sync/hlc.ts';

export const headers = (token: string, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${token}`,
  [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION),
  'Content-Type': 'application/json',
  ...extra,
});

export async function call(app: App, token: string, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const res = await app.request(path, {
    method,
    headers: headers(token, extra),
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, res };
}

export const pushBody = (clientId: string, mutations: Mutation[]) => ({ clientId, mutations });

let wall = Date.now();
/** A fresh, increasing stamp for `clientId` (the tests' stand-in for a client's HLC). */
export const stamp = (clientId: string) => encodeHlc({ wall: ++wall, counter: 0, clientId });

export const put = (mutationId: number, clientId: string, entity: Mutation['entity'], id: string, fields: Record<string, unknown>, extra: { naturalKey?: string; hlc?: string } = {}): Mutation =>
  ({ mutationId, op: 'put', entity, id, hlc: extra.hlc ?? stamp(clientId), fields, ...(extra.naturalKey ? { naturalKey: extra.naturalKey } : {}) }) as Mutation;

export const del = (mutationId: number, clientId: string, entity: Mutation['entity'], id: string, hlc = stamp(clientId)): Mutation => ({
  mutationId,
  op: 'delete',
  entity,
  id,
  hlc,
});
