/**
 * Takes secrets out of text before it reaches the tree, a banner, a notification or the log. Error messages are
 * not ours: a failed shell command quotes its command line and output, a signature mismatch quotes the canonical
 * request (session token header included), a proxy or a bug can put a signed URL in a message.
 */

const REDACTED = '[redacted]';

/** Long runs of base64 with mixed letters and digits: secret keys (40) and session tokens (hundreds). */
const OPAQUE = /(?<![A-Za-z0-9/+=_-])[A-Za-z0-9/+=]{40,}(?![A-Za-z0-9/+=_-])/g;
const looksSecret = (run: string): boolean => /[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9/+]/.test(run);

const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // node's child_process: "Command failed: <command line>\n<stderr>"; neither may be shown.
  [/Command failed:[\s\S]*/g, 'Command failed (its command line and output are not shown)'],
  // Header lines and JSON members: Authorization, the session token header, cookies.
  [
    /\b(authorization|proxy-authorization|x-amz-security-token|cookie|set-cookie)(["']?\s*[:=]\s*)(?:"[^"]*"|'[^']*'|[^\n]*)/gi,
    `$1$2${REDACTED}`,
  ],
  // A user name and password inside a URL.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, `$1${REDACTED}@`],
  // Any URL's query string (presigned URLs carry X-Amz-Signature, X-Amz-Credential, X-Amz-Security-Token).
  [/(\bhttps?:\/\/[^\s?#"'<>]*)\?[^\s"'<>]*/gi, `$1?${REDACTED}`],
  [/\b(X-Amz-(?:Signature|Credential|Security-Token))=[^&\s"']*/gi, `$1=${REDACTED}`],
  // name=value where the name speaks of a secret (--api-token=…, aws_secret_access_key = …, X-Amz-Credential=…).
  [
    /\b([\w-]*(?:secret|token|password|passwd|api[-_]?key|credential|signature)[\w-]*)(["']?\s*=\s*)(?:"[^"]*"|'[^']*'|[^\s,;&"']+)/gi,
    `$1$2${REDACTED}`,
  ],
  // name: value only for names that are secrets themselves ("CredentialsProviderError: …" is not one).
  [
    /\b(aws_secret_access_key|aws_session_token|secret_?access_?key|session_?token|password|api[-_]?(?:key|token)|client_?secret)(["']?\s*:\s*)(?:"[^"]*"|'[^']*'|[^\s,;&"']+)/gi,
    `$1$2${REDACTED}`,
  ],
  // Access key ids (AKIA…, ASIA… for session keys): the prefix says which kind, the rest is withheld.
  [/\b(AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{12,}\b/g, `$1…${REDACTED}`],
];

/** The text with every recognisable secret replaced by "[redacted]". */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.replace(OPAQUE, (run) => (looksSecret(run) ? REDACTED : run));
}
