// Gzipped size of each built script: the content script is what every Gmail tab pays for.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchResult } from './stats';

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

function jsUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? jsUnder(full) : full.endsWith('.js') ? [full] : [];
  });
}

export function sizeResults(outDir = '.output/chrome-mv3'): BenchResult[] {
  const files = jsUnder(outDir);
  const sum = (list: string[]) => Math.round(list.reduce((total, f) => total + gz(f), 0) * 10) / 10;
  const contentScripts = files.filter((f) => f.includes('content-scripts'));
  const pages = files.filter((f) => !f.includes('content-scripts') && !f.endsWith('background.js'));
  return [
    ...contentScripts.map((f) => ({ name: `size ${path.basename(f)} (content script, gzip)`, value: sum([f]), unit: 'KiB', goal: { max: 100 } })),
    { name: 'size background.js (gzip)', value: sum(files.filter((f) => f.endsWith('background.js'))), unit: 'KiB' },
    { name: 'size extension pages JS (gzip)', value: sum(pages), unit: 'KiB' },
  ];
}
