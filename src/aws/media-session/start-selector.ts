/** The six GetMedia StartSelector types, as the user picks them, and their validation. */

export type StartChoice =
  | { type: 'NOW' }
  | { type: 'EARLIEST' }
  | { type: 'FRAGMENT_NUMBER'; afterFragmentNumber: string }
  | { type: 'SERVER_TIMESTAMP'; startMs: number }
  | { type: 'PRODUCER_TIMESTAMP'; startMs: number }
  | { type: 'CONTINUATION_TOKEN'; token: string };

export type StartChoiceType = StartChoice['type'];

/** The StartSelector object GetMedia takes. */
export interface SdkStartSelector {
  StartSelectorType: StartChoiceType;
  AfterFragmentNumber?: string;
  StartTimestamp?: Date;
  ContinuationToken?: string;
}

export function toSdkSelector(choice: StartChoice): SdkStartSelector {
  switch (choice.type) {
    case 'NOW':
    case 'EARLIEST':
      return { StartSelectorType: choice.type };
    case 'FRAGMENT_NUMBER':
      return { StartSelectorType: choice.type, AfterFragmentNumber: choice.afterFragmentNumber };
    case 'SERVER_TIMESTAMP':
    case 'PRODUCER_TIMESTAMP':
      return { StartSelectorType: choice.type, StartTimestamp: new Date(choice.startMs) };
    case 'CONTINUATION_TOKEN':
      return { StartSelectorType: choice.type, ContinuationToken: choice.token };
  }
}

/** One line for titles and logs: "EARLIEST", "after fragment 9100…", "server time 2026-…Z". */
export function describeChoice(choice: StartChoice): string {
  switch (choice.type) {
    case 'NOW':
    case 'EARLIEST':
      return choice.type;
    case 'FRAGMENT_NUMBER':
      return `after fragment ${choice.afterFragmentNumber}`;
    case 'SERVER_TIMESTAMP':
      return `server time ${new Date(choice.startMs).toISOString()}`;
    case 'PRODUCER_TIMESTAMP':
      return `producer time ${new Date(choice.startMs).toISOString()}`;
    case 'CONTINUATION_TOKEN':
      return `continuation token ${choice.token}`;
  }
}

const FRAGMENT_NUMBER = /^[0-9]{1,128}$/;
const TOKEN = /^[a-zA-Z0-9_.-]{1,128}$/;

/** null when valid, else what is wrong (for an input box's validateInput). */
export function validateFragmentNumber(text: string): string | null {
  return FRAGMENT_NUMBER.test(text.trim()) ? null : 'A fragment number is 1 to 128 decimal digits.';
}

export function validateToken(text: string): string | null {
  return TOKEN.test(text.trim())
    ? null
    : 'A continuation token is 1 to 128 characters of letters, digits, "_", "." or "-".';
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const EPOCH_SECONDS = /^\d{9,11}(?:\.\d{1,3})?$/;

/**
 * A date-time the user typed: ISO 8601 with Z or an offset (that instant), "YYYY-MM-DD HH:MM[:SS[.mmm]]"
 * (local time), or epoch seconds. Returns epoch ms, or an error naming what was wrong.
 */
export function parseDateTime(text: string): { ms: number } | { error: string } {
  const t = text.trim();
  if (t === '')
    return {
      error:
        'Type a date-time, e.g. 2026-11-27T03:00:00Z (UTC), 2026-11-27 04:00 (local) or 1795748400.5 (epoch seconds).',
    };
  if (EPOCH_SECONDS.test(t)) return { ms: Math.round(Number(t) * 1000) };
  if (ZONED_DATE_TIME.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? { error: `"${t}" is not a real date-time.` } : { ms };
  }
  const m = LOCAL_DATE_TIME.exec(t);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v)));
    const msPart = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
    const date = new Date(y, mo - 1, d, h, mi, s, msPart);
    const roundTrips =
      date.getFullYear() === y &&
      date.getMonth() === mo - 1 &&
      date.getDate() === d &&
      date.getHours() === h &&
      date.getMinutes() === mi;
    return roundTrips
      ? { ms: date.getTime() }
      : { error: `"${t}" is not a real local date-time (check month, day and hour).` };
  }
  return {
    error: `"${t}" is not a date-time I can read. Use 2026-11-27T03:00:00Z (UTC), 2026-11-27T05:00:00+02:00, 2026-11-27 04:00:00 (local) or epoch seconds.`,
  };
}
