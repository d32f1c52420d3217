import { validateToken } from '../aws/media-session/start-selector';
import { assertNever, type WebviewToHost } from '../protocol';

/**
 * Messages from the webview, checked at run time: the webview renders bytes from the stream, so what it sends is
 * treated like any other input. A message is rebuilt from its known fields only; anything else is refused with a
 * reason for the log.
 */

export type ParsedMessage = { ok: true; message: WebviewToHost } | { ok: false; reason: string };

/** A chunk copied as JSON stays far below this; more is not a copy the user asked for. */
export const MAX_COPY_CHARS = 2 * 1024 * 1024;
const MAX_LABEL_CHARS = 1000;

type MessageType = WebviewToHost['type'];
type Fields = Readonly<Record<string, unknown>>;

/** Every type of the union, and only those (the compiler checks both ways). */
const TYPES = {
  ready: true,
  stop: true,
  resume: true,
  resumeFrom: true,
  clear: true,
  saveCapture: true,
  stopCapture: true,
  copy: true,
  showLogs: true,
  rendered: true,
  filterUsed: true,
  copyCommand: true,
  elementsRequest: true,
  fetchChunk: true,
  bytesRequest: true,
} as const satisfies Record<MessageType, true>;

const isMessageType = (value: unknown): value is MessageType =>
  typeof value === 'string' && Object.hasOwn(TYPES, value);

const refuse = (reason: string): ParsedMessage => ({ ok: false, reason });
const accept = (message: WebviewToHost): ParsedMessage => ({ ok: true, message });

function resumeFrom(m: Fields): ParsedMessage {
  if (typeof m.token !== 'string') return refuse('resumeFrom: token is not text');
  const problem = validateToken(m.token);
  if (problem !== null) return refuse(`resumeFrom: ${problem}`);
  return accept({ type: 'resumeFrom', token: m.token.trim() });
}

function copy(m: Fields): ParsedMessage {
  if (typeof m.text !== 'string' || typeof m.label !== 'string') return refuse('copy: text and label must be text');
  if (m.text.length > MAX_COPY_CHARS) return refuse(`copy: ${m.text.length} characters, more than ${MAX_COPY_CHARS}`);
  if (m.label.length > MAX_LABEL_CHARS) return refuse(`copy: a label of ${m.label.length} characters`);
  if (m.what !== undefined && m.what !== 'continuation-token') return refuse('copy: what is not a known kind');
  return accept({ type: 'copy', text: m.text, label: m.label, ...(m.what ? { what: m.what } : {}) });
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function rendered(m: Fields): ParsedMessage {
  const { lastIndex, sentAt, renderedAt } = m;
  if (typeof lastIndex !== 'number' || !Number.isSafeInteger(lastIndex) || lastIndex < -1)
    return refuse('rendered: lastIndex is not a row index');
  if (!isTime(sentAt) || !isTime(renderedAt)) return refuse('rendered: sentAt and renderedAt must be epoch ms');
  return accept({ type: 'rendered', lastIndex, sentAt, renderedAt });
}

const MAX_FILTER_CHARS = 2000;
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const textOrNull = (value: unknown, max: number): value is string | null =>
  value === null || (typeof value === 'string' && value.length <= max);

function filterUsed(m: Fields): ParsedMessage {
  if (typeof m.text !== 'string' || m.text.length > MAX_FILTER_CHARS)
    return refuse(`filterUsed: text must be at most ${MAX_FILTER_CHARS} characters`);
  return accept({ type: 'filterUsed', text: m.text });
}

function copyCommand(m: Fields): ParsedMessage {
  if (typeof m.pipeline !== 'boolean') return refuse('copyCommand: pipeline is not a boolean');
  if (m.row === null) return accept({ type: 'copyCommand', pipeline: m.pipeline, row: null });
  const row = (typeof m.row === 'object' ? m.row : {}) as Fields;
  if (!isCount(row.index) || !textOrNull(row.fragmentNumber, 128) || !textOrNull(row.previousToken, 128))
    return refuse('copyCommand: row needs an index and a fragment number and token of at most 128 characters');
  return accept({
    type: 'copyCommand',
    pipeline: m.pipeline,
    row: { index: row.index, fragmentNumber: row.fragmentNumber, previousToken: row.previousToken },
  });
}

function bytesRequest(m: Fields): ParsedMessage {
  const { requestId, index, offset, length } = m;
  if (!isCount(requestId) || !isCount(index) || !isCount(offset) || !isCount(length))
    return refuse('bytesRequest: requestId, index, offset and length must be whole numbers');
  return accept({ type: 'bytesRequest', requestId, index, offset, length });
}

/** The service's fragment numbers: 1 to 128 digits (its Fragment type's pattern and length). */
const FRAGMENT_NUMBER = /^[0-9]{1,128}$/;

function fetchChunk(m: Fields): ParsedMessage {
  if (!isCount(m.index)) return refuse('fetchChunk: index is not a row index');
  if (typeof m.fragmentNumber !== 'string' || !FRAGMENT_NUMBER.test(m.fragmentNumber))
    return refuse('fetchChunk: fragmentNumber must be 1 to 128 digits');
  return accept({ type: 'fetchChunk', index: m.index, fragmentNumber: m.fragmentNumber });
}

function parseKnown(type: MessageType, m: Fields): ParsedMessage {
  switch (type) {
    case 'ready':
    case 'stop':
    case 'resume':
    case 'clear':
    case 'saveCapture':
    case 'stopCapture':
    case 'showLogs':
      return accept({ type });
    case 'resumeFrom':
      return resumeFrom(m);
    case 'copy':
      return copy(m);
    case 'rendered':
      return rendered(m);
    case 'filterUsed':
      return filterUsed(m);
    case 'copyCommand':
      return copyCommand(m);
    case 'elementsRequest':
      return isCount(m.index)
        ? accept({ type: 'elementsRequest', index: m.index })
        : refuse('elementsRequest: index is not a row index');
    case 'fetchChunk':
      return fetchChunk(m);
    case 'bytesRequest':
      return bytesRequest(m);
    default:
      return assertNever(type);
  }
}

/** The message as the host may act on it, or why it was refused. */
export function parseWebviewMessage(raw: unknown): ParsedMessage {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('not an object');
  const fields = raw as Fields;
  if (!isMessageType(fields.type)) {
    const shown = typeof fields.type === 'string' ? JSON.stringify(fields.type.slice(0, 40)) : typeof fields.type;
    return refuse(`unknown type ${shown}`);
  }
  return parseKnown(fields.type, fields);
}

/** What an inspector does for each message (InspectorView implements it with VS Code). */
export type MessageHandler = (message: WebviewToHost) => Promise<void> | void;

/**
 * Validates, then runs the handler; a refused message and a handler that throws or rejects are logged, never
 * left as an unhandled rejection.
 */
export function receiveWebviewMessage(raw: unknown, handle: MessageHandler, log: (line: string) => void): void {
  const parsed = parseWebviewMessage(raw);
  if (!parsed.ok) {
    log(`Inspector: dropped a message from the webview: ${parsed.reason}`);
    return;
  }
  const type = parsed.message.type;
  const failed = (error: unknown): void =>
    log(`Inspector: "${type}" failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  try {
    void Promise.resolve(handle(parsed.message)).catch(failed);
  } catch (error) {
    failed(error);
  }
}
