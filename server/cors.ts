// CORS for extension pages only (Chrome/Edge and Firefox origins; web pages get no grant, never credentials).
// Hand-rolled rather than hono/cors: that middleware sets headers before the route runs and again after, which turns
// @hono/node-server's fast string response into a web-streams one on every request (measured: a large share of a
// pull's CPU). Here headers are set once, after the route, on the response's own header list.
import type { MiddlewareHandler } from 'hono';

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[a-z0-9-]{1,64}$/;

export function extensionCors(opts: { allowMethods: string[]; allowHeaders: string[]; exposeHeaders: string[]; maxAgeSeconds: number }): MiddlewareHandler {
  const methods = opts.allowMethods.join(',');
  const headers = opts.allowHeaders.join(',');
  const expose = opts.exposeHeaders.join(',');
  return async (c, next) => {
    const origin = c.req.header('origin') ?? '';
    const allowed = EXTENSION_ORIGIN.test(origin);
    if (c.req.method === 'OPTIONS') {
      const h: Record<string, string> = {
        Vary: 'Origin, Access-Control-Request-Headers',
        'Access-Control-Max-Age': String(opts.maxAgeSeconds),
        'Access-Control-Allow-Methods': methods,
        'Access-Control-Allow-Headers': headers,
      };
      if (allowed) Object.assign(h, { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': expose });
      return c.body(null, 204, h);
    }
    await next();
    const out = c.res.headers;
    if (allowed) {
      out.set('Access-Control-Allow-Origin', origin);
      out.set('Access-Control-Expose-Headers', expose);
    }
    out.append('Vary', 'Origin');
  };
}
