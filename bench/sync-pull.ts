// Initial pull of N contacts (default 100,000) from a real sync server into the extension's IndexedDB, loopback.
// Starts `npm run server` on PGlite in a temp folder (or DATABASE_URL), seeds the team through /v1/push from Node,
// connects a fresh Chromium profile through the worker and times connect → every row applied (cursor at head).
// Usage: SYNC_BENCH_CONTACTS=10000 npx tsx bench/sync-pull.ts   (prints JSON; writes bench/results/sync-pull.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import { launchWithExtension } from '../tests/e2e/support/launch';
import { benchContact } from './seed';
import { startBenchServer } from './sync-server';
import { encodeHlc } from '../lib/sync/hlc';
import type { Mutation } from '../lib/sync/wire';

const N = Number(process.env.SYNC_BENCH_CONTACTS ?? 100_000);

async function main() {
  const server = await startBenchServer();
  const { url, token, headers } = server;
  try {
    const seedStart = performance.now();
    let id = 0;
    for (let from = 0; from < N; from += 1000) {
      const mutations: Mutation[] = [];
      for (let i = from; i < Math.min(N, from + 1000); i++) {
        const { id: cid, emailKeys: _e, searchKeys: _s, leadScore: _l, leadGrade: _g, ...fields } = { ...benchContact(i), emailKeys: 0, searchKeys: 0 };
        mutations.push({ mutationId: ++id, op: 'put', entity: 'contacts', id: cid, hlc: encodeHlc({ wall: Date.now(), counter: 0, clientId: 'seeder' }), fields: JSON.parse(JSON.stringify(fields)) });
      }
      const res = await fetch(`${url}/v1/push`, { method: 'POST', headers, body: JSON.stringify({ clientId: 'seeder', mutations }) });
      if (!res.ok) throw new Error(`seed push ${res.status}: ${await res.text()}`);
    }
    const seedMs = performance.now() - seedStart;

    const { context } = await launchWithExtension();
    try {
      const worker = context.serviceWorkers()[0]!;
      const browserUrl = server.browserUrl;
      const result = await worker.evaluate(
        async ({ u, t }) => {
          type S = { state: string; initialPullDone: boolean; pending: number };
          type Stats = { pages: number; rows: number; waitMs: number; applyMs: number };
          const { ficha } = globalThis as unknown as { ficha: { sync: { connect(u: string, t: string): Promise<{ ok: boolean }>; status(): Promise<S>; idle(): Promise<void>; pullStats(): Stats }; db: { contacts: { count(): Promise<number> } } } };
          const started = performance.now();
          const res = await ficha.sync.connect(u, t);
          if (!res.ok) return { error: JSON.stringify(res) };
          let s = await ficha.sync.status();
          while (!s.initialPullDone || s.state === 'syncing') {
            await new Promise((r) => setTimeout(r, 100));
            s = await ficha.sync.status();
          }
          const ms = performance.now() - started;
          // Where the time went: waiting for the server's pages vs writing them (IndexedDB), summed over pages.
          const st = ficha.sync.pullStats();
          return { ms, state: s.state, contacts: await ficha.db.contacts.count(), pages: st.pages, rows: st.rows, serverWaitMs: Math.round(st.waitMs), writeMs: Math.round(st.applyMs) };
        },
        { u: browserUrl, t: token },
      );
      const report = { contacts: N, seedMs: Math.round(seedMs), initialPullMs: 'ms' in result ? Math.round(result.ms!) : null, goalMs: 10_000, ...result };
      console.log(JSON.stringify(report, null, 2));
      mkdirSync('bench/results', { recursive: true });
      writeFileSync('bench/results/sync-pull.json', JSON.stringify(report, null, 2));
    } finally {
      await context.close();
    }
  } finally {
    await server.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
