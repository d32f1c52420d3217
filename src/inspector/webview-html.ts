import { randomBytes } from 'node:crypto';

export interface WebviewHtmlParts {
  /** webview.cspSource: the only origin styles, fonts and images may come from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  title: string;
}

const escapeAttribute = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The inspector page: CSP `default-src 'none'`, one script allowed by a fresh nonce, styles only from our own files.
 * Everything else is built by webview/main.ts with textContent.
 */
export function inspectorHtml(parts: WebviewHtmlParts): string {
  const nonce = randomBytes(18).toString('base64');
  const csp = [
    "default-src 'none'",
    `style-src ${parts.cspSource}`,
    `font-src ${parts.cspSource}`,
    `img-src ${parts.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(parts.styleUri)}">
<title>${escapeAttribute(parts.title)}</title>
</head>
<body>
<script nonce="${nonce}" src="${escapeAttribute(parts.scriptUri)}"></script>
</body>
</html>`;
}
