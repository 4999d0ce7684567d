// Caps, then an integer split of what is left back onto the rules, so the explanation adds up exactly:
//   group   = clamp(Σ rule raw points, 0, group cap)
//   score   = min(dimension cap, Σ group points); when the dimension cap bites, it is split over the
//             groups by largest remainder (each group keeps ≤ its own points, hence ≤ its cap)
//   rules   = a group's points split over its rules: the side that overflowed is trimmed in proportion
//             (positives when a cap bites, penalties when the group floors at 0), the other side is kept.
import { apportion } from './allocate';

/** Rules beyond this are cut by caps (≤ 100) anyway; the bound keeps the integer apportioning exact. */
export const RAW_POINTS_LIMIT = 10_000;

export interface GroupSpan {
  cap: number;
  /** Rule indices [first, end) in the dimension's flat rule list. */
  first: number;
  end: number;
}

export interface CappedDimension {
  score: number;
  /** Σ group points after group caps, before the dimension cap. */
  uncapped: number;
  groupRaw: number[];
  groupPoints: number[];
  rulePoints: number[];
}

export function clampRaw(points: number): number {
  return Math.min(RAW_POINTS_LIMIT, Math.max(-RAW_POINTS_LIMIT, points));
}

/** Applies caps to integer raw points (`raw` has one entry per rule) and fills `out`. */
export function applyCaps(cap: number, groups: readonly GroupSpan[], raw: readonly number[], out: CappedDimension): void {
  const { groupRaw, groupPoints, rulePoints } = out;
  groupRaw.length = groupPoints.length = groups.length;
  rulePoints.length = raw.length;
  let uncapped = 0;
  groups.forEach((group, g) => {
    let sum = 0;
    for (let r = group.first; r < group.end; r++) sum += raw[r] ?? 0;
    groupRaw[g] = sum;
    groupPoints[g] = Math.min(group.cap, Math.max(0, sum));
    uncapped += groupPoints[g] ?? 0;
  });
  out.uncapped = uncapped;
  out.score = Math.min(cap, uncapped);
  if (out.score < uncapped) apportion(groupPoints.slice(), out.score, groupPoints);
  groups.forEach((group, g) => splitGroup(raw, group, groupPoints[g] ?? 0, rulePoints));
}

const positives: number[] = [];
const penalties: number[] = [];
const shares: number[] = [];

function splitGroup(raw: readonly number[], { first, end }: GroupSpan, target: number, rulePoints: number[]): void {
  positives.length = penalties.length = 0;
  let gained = 0;
  let lost = 0;
  for (let r = first; r < end; r++) {
    const points = raw[r] ?? 0;
    positives.push(Math.max(0, points));
    penalties.push(Math.max(0, -points));
    gained += Math.max(0, points);
    lost += Math.max(0, -points);
  }
  if (target >= gained - lost) {
    // Floored (or untouched): gains stand, penalties shrink to what the gains can pay for.
    apportion(penalties, gained - target, shares);
    for (let r = first; r < end; r++) rulePoints[r] = (raw[r] ?? 0) > 0 ? (raw[r] ?? 0) : -(shares[r - first] ?? 0) || 0;
  } else {
    // Capped: penalties stand, gains shrink so that gains − penalties = target.
    apportion(positives, target + lost, shares);
    for (let r = first; r < end; r++) rulePoints[r] = (raw[r] ?? 0) < 0 ? (raw[r] ?? 0) : (shares[r - first] ?? 0);
  }
}
