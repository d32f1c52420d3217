/** Text for cells and details: times, sizes, fragment numbers, and safe display of hostile strings. */

export type TimeZoneMode = 'utc' | 'local';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatTime(ms: number | null, zone: TimeZoneMode): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  if (zone === 'utc')
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The table's compact time: time of day only (the date and the raw tag text are in the cell's title). */
export function formatClock(ms: number | null, zone: TimeZoneMode): string {
  const full = formatTime(ms, zone);
  return full === '' ? '' : full.slice(11);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1_000_000).toFixed(2)} MB/s`;
}

export function formatBitrate(bitsPerSecond: number | null): string {
  if (bitsPerSecond === null) return '';
  return bitsPerSecond >= 1_000_000
    ? `${(bitsPerSecond / 1_000_000).toFixed(2)} Mb/s`
    : `${Math.round(bitsPerSecond / 1000)} kb/s`;
}

export function formatCount(n: number | null): string {
  return n === null ? '' : n.toLocaleString('en-US');
}

/** Real fragment numbers have ~47 digits: the table shows the distinguishing tail, the title the whole. */
export function shortFragmentNumber(full: string | null): string {
  if (full === null) return '';
  return full.length > 14 ? `…${full.slice(-12)}` : full;
}

const MAX_SHOWN = 4096;

/**
 * Stream text made visible and bounded: control characters become their Unicode "symbol for" glyphs, and a value
 * longer than 4096 characters is cut with a note (Copy gives the whole value). Always rendered with textContent.
 */
export function visibleText(value: string, limit = MAX_SHOWN): string {
  const cut = value.length > limit ? value.slice(0, limit) : value;
  // eslint-disable-next-line no-control-regex
  const shown = cut.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + c.charCodeAt(0)),
  );
  return value.length > limit ? `${shown}… (${(value.length - limit).toLocaleString('en-US')} more characters)` : shown;
}
