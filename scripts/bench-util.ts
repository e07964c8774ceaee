/** Shared by `npm run bench` and its sections: percentiles, medians and the one table they print. */

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export interface Summary {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] as number };
}

/** The middle value (mean of the two middle ones for an even count): what every round-based figure reports. */
export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const ms = (n: number, digits = 2): string => n.toFixed(digits);

/** One part of the bench's table: a title line, its own header row, its rows and notes under them. */
export interface Section {
  title: string;
  header: string[];
  rows: string[][];
  notes?: string[];
}

/** Every section in one printout; columns are as wide as their widest cell across all sections. */
export function printSections(sections: readonly Section[]): void {
  const all = sections.flatMap((s) => [s.header, ...s.rows]);
  const columns = Math.max(...all.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(3, ...all.map((r) => (r[i] ?? '').length)));
  // Each section prints only its own columns, so a short section has no trail of empty cells.
  const line = (r: string[], n: number) => `| ${widths.slice(0, n).map((w, i) => (i === 0 ? (r[i] ?? '').padEnd(w) : (r[i] ?? '').padStart(w))).join(' | ')} |`;
  const rule = (n: number) => `|${widths.slice(0, n).map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`;
  for (const s of sections) {
    const n = s.header.length;
    console.log(`\n${s.title}`);
    console.log(line(s.header, n));
    console.log(rule(n));
    for (const r of s.rows) console.log(line(r, n));
    for (const note of s.notes ?? []) console.log(`  ${note}`);
  }
}
