/** The Fragments view's range choices and the validation of a custom one. */

export const PRESETS = [
  { label: 'Last 15 minutes', ms: 15 * 60_000 },
  { label: 'Last hour', ms: 3_600_000 },
  { label: 'Last 24 hours', ms: 24 * 3_600_000 },
] as const;

export type Zone = 'utc' | 'local';

/**
 * "2026-12-01 10:00" / "2026-12-01T10:00:30Z" / "2026-12-01 10:00:30.250": epoch ms, read as UTC or local time
 * (an explicit Z or offset wins). null when it is not such a time.
 */
export function parseTime(text: string, zone: Zone): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    text.trim(),
  );
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '0', offset] = m;
  const parts = [
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(frac.padEnd(3, '0')),
  ] as const;
  if (parts[1] > 11 || parts[2] < 1 || parts[2] > 31 || parts[3] > 23 || parts[4] > 59 || parts[5] > 59) return null;
  if (offset) {
    const utc = Date.UTC(...parts);
    if (/^z$/i.test(offset)) return utc;
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return zone === 'utc' ? Date.UTC(...parts) : new Date(...parts).getTime();
}

export interface RangeCheck {
  startMs?: number;
  endMs?: number;
  /** Why the text is not a usable range, in words; undefined when it is. */
  problem?: string;
}

/** "START .. END" (or "START to END"): both times, in order, not in the future, at most `maxDays` apart. */
export function parseRange(text: string, zone: Zone, nowMs: number, maxDays = 7): RangeCheck {
  const halves = text.split(/\s+(?:\.\.|to|–|—)\s+|\s*\.\.\s*/);
  if (halves.length !== 2)
    return { problem: 'Write the range as START .. END, e.g. 2026-12-01 10:00 .. 2026-12-01 11:00' };
  const [startMs, endMs] = halves.map((h) => parseTime(h, zone));
  if (startMs === null)
    return { problem: `'${halves[0]}' is not a time like 2026-12-01 10:00 or 2026-12-01T10:00:00Z` };
  if (endMs === null) return { problem: `'${halves[1]}' is not a time like 2026-12-01 11:00 or 2026-12-01T11:00:00Z` };
  if (endMs <= startMs) return { problem: 'The end must be after the start.' };
  if (startMs > nowMs) return { problem: 'The start is in the future: nothing is archived there yet.' };
  if (endMs - startMs > maxDays * 24 * 3_600_000)
    return {
      problem: `The range spans more than ${maxDays} days; pick a shorter one (ListFragments pages every fragment in it).`,
    };
  return { startMs, endMs };
}
