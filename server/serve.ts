// `npm run server`: open the database (migrating it), listen, log the URL, shut down cleanly on signals.
import { serve } from '@hono/node-server';
import { createApp, defaultConfig } from './app.ts';
import { openPglite, openPostgres, type DbHandle } from './db/open.ts';
import type { ServerEnv } from './env.ts';
import { acquireLock, pgliteDir, writeAdminSecret } from './lock.ts';
import { jsonLogger } from './log.ts';

export async function startServer(env: ServerEnv): Promise<void> {
  const logger = jsonLogger();
  let handle: DbHandle;
  let adminSecret: string | undefined;
  let release = () => {};
  let updateLock: ((info: { adminUrl: string }) => void) | undefined;
  if (env.databaseUrl) {
    handle = await openPostgres(env.databaseUrl);
  } else {
    const lock = acquireLock(env.dataDir, 'server');
    if (!lock.ok) {
      logger('error', 'data folder in use', { dataDir: env.dataDir, pid: lock.holder.pid, role: lock.holder.role });
      process.stderr.write(
        `Another Ficha ${lock.holder.role} (pid ${lock.holder.pid}) is using ${env.dataDir}: refusing to start.\n` +
          `If no Ficha process runs (the pid was reused after a reboot), delete ${env.dataDir}/ficha.lock.\n`,
      );
      process.exit(1);
    }
    release = lock.release;
    updateLock = lock.update;
    try {
      handle = await openPglite(pgliteDir(env.dataDir));
    } catch (e) {
      release();
      throw e;
    }
    adminSecret = writeAdminSecret(env.dataDir);
  }

  const app = createApp(handle, defaultConfig({ logger, rateLimit: env.rateLimit, adminSecret, crossProcessEvents: true }));
  const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
    const host = env.host.includes(':') ? `[${env.host}]` : env.host;
    const url = `http://${host}:${info.port}`;
    const loopback = env.host === '0.0.0.0' || env.host === '::' ? `http://127.0.0.1:${info.port}` : url;
    updateLock?.({ adminUrl: loopback });
    // The one plain-text line (every other line is a JSON log): whatever waits for it can take the URL up to the
    // first space, without parsing JSON.
    const where = handle.kind === 'pglite' ? `PGlite, data folder ${env.dataDir}` : 'PostgreSQL';
    process.stdout.write(`Ficha sync server ready at ${url} (${where})\n`);
  });

  server.on('error', (e: NodeJS.ErrnoException) => {
    logger('error', 'cannot listen', { host: env.host, port: env.port, code: e.code ?? null });
    process.stderr.write(`Cannot listen on ${env.host}:${env.port}: ${e.message}\n`);
    void handle.close().finally(() => {
      release();
      process.exit(1);
    });
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger('info', 'stopping', { signal });
    server.close();
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(); // SSE streams never end on their own
    await handle.close().catch(() => {});
    release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
