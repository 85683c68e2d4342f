import type { ChargePolicy } from "./charges";

/**
 * One step of the dunning sequence. A customer reaches a level when its oldest eligible overdue
 * invoice is at least `days` past due; a negative `days` is a courtesy reminder that many days
 * before the due date.
 */
export interface DunningLevel {
  /** Stable id, used for templates and the sent log: "courtesy", "first", … */
  id: string;
  /** What the user sees: "First reminder". */
  name: string;
  /** Days past due from which the level applies (−3 = three days before the due date). */
  days: number;
  /** False for an internal task (hand-over to collections): no email is drafted. */
  email: boolean;
  /** Late fee and/or interest added at this level. */
  charges?: ChargePolicy;
}

/** The default sequence: courtesy, three reminders, final notice, then collections. */
export const DEFAULT_LEVELS: readonly DunningLevel[] = Object.freeze([
  { id: "courtesy", name: "Courtesy reminder", days: -3, email: true },
  { id: "first", name: "First reminder", days: 1, email: true },
  { id: "second", name: "Second reminder", days: 15, email: true },
  { id: "third", name: "Third reminder", days: 30, email: true },
  { id: "final", name: "Final notice", days: 60, email: true },
  { id: "collections", name: "Hand-over to collections", days: 90, email: false },
]);

/**
 * What is wrong with a user's levels, as sentences; empty when they can be used.
 * @example validateLevels([{ id: "first", name: "First", days: 1, email: true }, { id: "first", name: "Again", days: 15, email: true }])
 * // ['Level id "first" is used twice: give each level its own id.']
 */
export function validateLevels(levels: readonly DunningLevel[]): string[] {
  const problems: string[] = [];
  if (levels.length === 0) problems.push("There are no dunning levels: add at least one.");
  const ids = new Set<string>();
  const days = new Set<number>();
  for (const level of levels) {
    const label = level.name || level.id || "(unnamed)";
    if (!/^[a-z][a-z0-9_-]*$/i.test(level.id ?? "")) problems.push(`Level "${label}" needs an id of letters, digits, - or _ (e.g. "second").`);
    else if (ids.has(level.id.toLowerCase())) problems.push(`Level id "${level.id}" is used twice: give each level its own id.`);
    ids.add((level.id ?? "").toLowerCase());
    if (!level.name || !level.name.trim()) problems.push(`Level "${level.id}" needs a name.`);
    if (!Number.isInteger(level.days) || Math.abs(level.days) > 3650) problems.push(`Level "${label}": days must be a whole number between −3650 and 3650, not ${String(level.days)}.`);
    else if (days.has(level.days)) problems.push(`Two levels start at ${level.days} days: each level needs its own day.`);
    days.add(level.days);
    if (level.days < 1 && level.email === false) problems.push(`Level "${label}" comes before the due date, so it cannot be a hand-over task.`);
  }
  return problems;
}

/** The levels sorted by day, earliest first. */
export function sortedLevels(levels: readonly DunningLevel[]): DunningLevel[] {
  return [...levels].sort((a, b) => a.days - b.days);
}

/**
 * The level an item reaches when it is `daysOverdue` past due (negative: not yet due), or null
 * before the first level.
 * @example levelFor(20, DEFAULT_LEVELS)?.id // "second"
 */
export function levelFor(daysOverdue: number, levels: readonly DunningLevel[]): DunningLevel | null {
  // The latest level reached; of levels on the same day, the last listed (as in day order, which
  // keeps the listed order among equals). No sorted copy: this runs once per customer.
  let found: DunningLevel | null = null;
  for (const level of levels) if (level.days <= daysOverdue && (found === null || level.days >= found.days)) found = level;
  return found;
}

/**
 * How many days before the due date items are listed (the courtesy window): 3 for the defaults,
 * 0 when no level comes before the due date.
 * @example courtesyWindow(DEFAULT_LEVELS) // 3
 */
export function courtesyWindow(levels: readonly DunningLevel[]): number {
  const earliest = Math.min(...levels.map((l) => l.days));
  return Number.isFinite(earliest) && earliest < 0 ? -earliest : 0;
}

/** The level with this id or name (case-insensitive), if any. */
export function findLevel(levels: readonly DunningLevel[], idOrName: string): DunningLevel | undefined {
  const wanted = idOrName.trim().toLowerCase();
  return levels.find((l) => l.id.toLowerCase() === wanted || l.name.toLowerCase() === wanted);
}
