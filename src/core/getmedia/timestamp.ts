/** KVS writes times as text seconds with decimals ("1511852109.126"); parse them exactly, never through a float. */

const SECONDS_TEXT = /^\s*(\d{1,16})(?:\.(\d*))?\s*$/;

/**
 * "1511852109.126" → 1511852109126. Fewer decimals are padded ("5.1" → 5100), extra ones are cut
 * toward zero ("5.1239" → 5123). Returns null for anything else (empty, signs, exponents, letters)
 * or a value beyond 2^53 - 1 ms.
 */
export function parseSecondsToMs(text: string): number | null {
  const match = SECONDS_TEXT.exec(text);
  if (!match) return null;
  const millis = (match[2] ?? '').slice(0, 3).padEnd(3, '0');
  const value = Number(match[1]) * 1000 + Number(millis);
  return Number.isSafeInteger(value) ? value : null;
}

const INTEGER_TEXT = /^\s*(\d{1,15})\s*$/;

/** A non-negative decimal integer as text (MILLIS_BEHIND_NOW, ERROR_ID); null when it is not one. */
export function parseIntegerText(text: string): number | null {
  const match = INTEGER_TEXT.exec(text);
  return match ? Number(match[1]) : null;
}
