import { redact } from './redact';

/** The kvsInspector.endpoint setting, read once and checked before any call is signed for it. */
export type EndpointSetting =
  | { kind: 'default' }
  | { kind: 'override'; url: string }
  /** `message` names the setting and the bad value: the explorer shows it as its one row. */
  | { kind: 'invalid'; message: string };

const SHOWN_VALUE_MAX = 80;

function invalid(value: string, why: string): EndpointSetting {
  // Redacted before shortening: a secret cut in half would no longer be recognised.
  const clean = redact(value);
  const shown = clean.length > SHOWN_VALUE_MAX ? `${clean.slice(0, SHOWN_VALUE_MAX)}…` : clean;
  return {
    kind: 'invalid',
    message: `Setting kvsInspector.endpoint: ${JSON.stringify(shown)} ${why} (expected an http(s) URL such as http://127.0.0.1:4566, or empty)`,
  };
}

/** Empty: AWS's own endpoints. Else an http(s) URL with a host and neither credentials, query nor fragment. */
export function readEndpointSetting(raw: unknown): EndpointSetting {
  if (raw === undefined || raw === null) return { kind: 'default' };
  if (typeof raw !== 'string') return invalid(String(raw), 'is not text');
  const value = raw.trim();
  if (value === '') return { kind: 'default' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return invalid(value, 'is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return invalid(value, `is a ${url.protocol} URL`);
  if (url.hostname === '') return invalid(value, 'has no host');
  if (url.username !== '' || url.password !== '') return invalid(value, 'carries a user name or password');
  if (url.search !== '' || url.hash !== '') return invalid(value, 'has a query or fragment');
  return { kind: 'override', url: value.replace(/\/+$/, '') };
}
