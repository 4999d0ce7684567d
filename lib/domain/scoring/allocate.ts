// Largest-remainder apportionment in exact integer arithmetic: the explanation's per-rule points must
// add up to the score to the point, so shares are split as integers rather than rounded one by one.

/**
 * Splits the integer `target` (0 ≤ target ≤ Σ weights) into integer shares proportional to the non-negative
 * integer `weights`. Each share is floor or ceil of its exact quota; leftover units go to the largest
 * remainders, ties to the earlier index, so the result is deterministic. Writes into `out`.
 */
export function apportion(weights: readonly number[], target: number, out: number[]): void {
  let total = 0;
  for (const w of weights) total += w;
  out.length = weights.length;
  if (total === 0) {
    out.fill(0);
    return;
  }
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    // Integers well below 2^53 (weights ≤ 10^5 per rule, targets ≤ 10^5), so the quotient's floor is exact.
    const share = Math.floor((target * (weights[i] ?? 0)) / total);
    out[i] = share;
    given += share;
  }
  for (let left = target - given; left > 0; left--) {
    let best = -1;
    let bestRemainder = 0;
    for (let i = 0; i < weights.length; i++) {
      const remainder = target * (weights[i] ?? 0) - (out[i] ?? 0) * total;
      if (remainder > bestRemainder) {
        best = i;
        bestRemainder = remainder;
      }
    }
    // A remainder is positive only while the share is still below its quota, so nobody gets two extra units.
    if (best < 0) break;
    out[best] = (out[best] ?? 0) + 1;
  }
}
