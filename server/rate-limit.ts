// Token bucket per API token, in memory (one server process; a PostgreSQL fleet would put this in a proxy).
export interface RateLimitConfig {
  perSecond: number;
  burst: number;
}

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly config: RateLimitConfig) {}

  /** 0 when allowed, else the seconds to wait. */
  take(key: string, now: number): number {
    const { perSecond, burst } = this.config;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / perSecond);
  }
}
