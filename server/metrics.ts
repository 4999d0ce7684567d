// Prometheus text exposition, hand-rolled: a few counters, one histogram, two sync gauges.
// Labels are route patterns and statuses only (bounded), never team ids or tokens.
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class Metrics {
  private requests = new Map<string, number>();
  private latency = new Map<string, { buckets: number[]; sum: number; count: number }>();
  private mutations = 0;
  private lastPushAt: number | null = null;
  private lastPullLag = 0;

  observeRequest(route: string, method: string, status: number, seconds: number) {
    const key = `route="${esc(route)}",method="${esc(method)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const lkey = `route="${esc(route)}"`;
    const h = this.latency.get(lkey) ?? { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.buckets[i]! += 1;
    });
    h.sum += seconds;
    h.count += 1;
    this.latency.set(lkey, h);
  }

  observePush(applied: number, now: number) {
    this.mutations += applied;
    this.lastPushAt = now;
  }

  /** How many versions behind the team head a client was when it pulled (0 = up to date). */
  observePull(head: number, cursorVersion: number) {
    this.lastPullLag = Math.max(0, head - cursorVersion);
  }

  render(now: number): string {
    const out: string[] = [];
    out.push('# HELP ficha_http_requests_total HTTP requests by route pattern, method and status.');
    out.push('# TYPE ficha_http_requests_total counter');
    for (const [k, v] of this.requests) out.push(`ficha_http_requests_total{${k}} ${v}`);
    out.push('# HELP ficha_http_request_duration_seconds Request latency by route pattern.');
    out.push('# TYPE ficha_http_request_duration_seconds histogram');
    for (const [k, h] of this.latency) {
      BUCKETS.forEach((b, i) => out.push(`ficha_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.buckets[i]}`));
      out.push(`ficha_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
      out.push(`ficha_http_request_duration_seconds_sum{${k}} ${h.sum}`);
      out.push(`ficha_http_request_duration_seconds_count{${k}} ${h.count}`);
    }
    out.push('# HELP ficha_sync_mutations_applied_total Mutations applied by pushes.');
    out.push('# TYPE ficha_sync_mutations_applied_total counter');
    out.push(`ficha_sync_mutations_applied_total ${this.mutations}`);
    out.push('# HELP ficha_sync_seconds_since_last_push Seconds since a push last applied something (-1: none yet).');
    out.push('# TYPE ficha_sync_seconds_since_last_push gauge');
    out.push(`ficha_sync_seconds_since_last_push ${this.lastPushAt === null ? -1 : (now - this.lastPushAt) / 1000}`);
    out.push('# HELP ficha_sync_pull_lag_versions Versions between the team head and the cursor of the latest pull.');
    out.push('# TYPE ficha_sync_pull_lag_versions gauge');
    out.push(`ficha_sync_pull_lag_versions ${this.lastPullLag}`);
    return out.join('\n') + '\n';
  }
}

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
