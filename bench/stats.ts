// Percentiles and the results file: every benchmark reports through here.
import { mkdirSync, writeFileSync } from 'node:fs';

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: { max: number };
  detail?: Record<string, number | string>;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function latencyResults(name: string, samples: number[], goalP95?: number): BenchResult[] {
  const detail = { samples: samples.length, p50: round(percentile(samples, 50)), max: round(Math.max(...samples)) };
  return [{ name: `${name} p95`, value: round(percentile(samples, 95)), unit: 'ms', goal: goalP95 === undefined ? undefined : { max: goalP95 }, detail }];
}

export function writeReport(results: BenchResult[], file = 'bench/results/latest.json') {
  mkdirSync('bench/results', { recursive: true });
  const report = { date: new Date().toISOString(), node: process.version, results };
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  const rows = results.map((r) => ({
    benchmark: r.name,
    value: `${r.value} ${r.unit}`,
    goal: r.goal ? `≤ ${r.goal.max} ${r.unit}` : '',
    status: r.goal ? (r.value <= r.goal.max ? 'ok' : 'MISSED') : '',
    detail: r.detail ? Object.entries(r.detail).map(([k, v]) => `${k}=${v}`).join(' ') : '',
  }));
  console.table(rows);
  console.log(`results written to ${file}`);
}
