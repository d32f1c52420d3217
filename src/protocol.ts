/**
 * Messages between the extension host and the inspector webview: the only file webview/ imports (its types,
 * assertNever and the shared defaults; nothing here imports a module that would reach the webview's bundle).
 * Two unions, one per direction, switched exhaustively on `type` on each side. Only plain data crosses:
 * never credentials, never raw stream bytes.
 */
import type { ChunkRecord } from './core/getmedia/record';
import type { ElementEvent } from './core/getmedia/element-tap';

export type { ChunkRecord } from './core/getmedia/record';

/** What the inspector is looking at. */
export type InspectorSource =
  | { kind: 'stream'; streamName: string; profile: string; region: string; selector: string }
  | { kind: 'file'; fileName: string; sizeBytes: number };

export type SessionStateKind = 'connecting' | 'streaming' | 'idle' | 'reconnecting' | 'stopped' | 'failed' | 'done';

/** The header's numbers, sent a few times a second at most. */
export interface SessionStats {
  state: SessionStateKind;
  /** Seconds without a byte while connected (meaningful when state is 'idle'). */
  idleSeconds: number;
  bytes: number;
  bytesPerSecond: number;
  chunksPerSecond: number;
  chunks: number;
  millisBehindNow: number | null;
  reconnects: number;
  /** Why the session is reconnecting, stopped or failed, in words. */
  detail: string | null;
  /** True when a continuation token is known, so "Resume" can continue without loss. */
  canResume: boolean;
}

/** An HTTP/SDK error from GetDataEndpoint or GetMedia, as the user needs to see it. */
export interface HttpErrorInfo {
  operation: string;
  name: string;
  message: string;
  status: number | null;
  errorType: string | null;
  requestId: string | null;
  retryable: boolean;
}

/** A row between chunks that is not a chunk: a reconnect, an HTTP error, a resync past unreadable bytes, a note. */
export interface SessionNotice {
  kind: 'reconnect' | 'http-error' | 'resync' | 'info';
  /** Epoch ms. */
  at: number;
  text: string;
  /** The chunk index the notice precedes (the next chunk to arrive). */
  beforeIndex: number;
  httpError?: HttpErrorInfo;
}

/** A banner above the table: in-band error chunks (decoded with the catalogue) and HTTP errors. */
export interface Banner {
  level: 'error' | 'warning' | 'info';
  title: string;
  meaning: string;
  whatToDo: string;
}

export interface CaptureState {
  saving: boolean;
  fileName: string | null;
  bytesWritten: number;
  error: string | null;
}

/** The colours a colouring rule can paint a row with (theme chart colours, so every theme keeps them readable). */
export const RULE_COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'] as const;
export type RuleColor = (typeof RULE_COLORS)[number];

/** Setting kvsInspector.colorRules: rows a filter expression matches get the colour (first matching rule wins). */
export interface ColorRule {
  filter: string;
  color: RuleColor;
}

/**
 * One EBML element of a chunk as the reader met it, for the element tree (flat, in file order; depth 0 is top level);
 * the message names the chunk.
 */
export type ElementNode = Omit<ElementEvent, 'chunk'> & {
  /** A short leaf's value as text (numbers, strings), else null. */
  value: string | null;
};
/** A chunk's element tree as the host reads it from the bytes it holds (a file, or a live inspector's window). */
export interface ChunkElements {
  elements: ElementNode[];
  /** Why there are none, or what the bytes are (fetched again); null: the chunk's own bytes, all listed. */
  note: string | null;
  /** The chunk's bytes are not held (a live inspector keeps only some): the tree is empty. */
  notHeld?: boolean;
  /** The bytes shown when they are not the row's own (bytes fetched again: offset 0, their own length). */
  range?: { offset: number; length: number };
  /** Fetching the bytes again failed: why. */
  fetchError?: string;
}
/** No capture being written: where the host and the header both start. */
export const NO_CAPTURE: Readonly<CaptureState> = { saving: false, fileName: null, bytesWritten: 0, error: null };

/** The numbers before anything happened. */
export const EMPTY_STATS: Readonly<SessionStats> = {
  state: 'connecting',
  idleSeconds: 0,
  bytes: 0,
  bytesPerSecond: 0,
  chunksPerSecond: 0,
  chunks: 0,
  millisBehindNow: null,
  reconnects: 0,
  detail: null,
  canResume: false,
};

/** Rows an inspector keeps unless `kvsInspector.maxRows` says otherwise (package.json states the same default). */
export const DEFAULT_ROW_CAP = 50_000;

export type HostToWebview =
  | {
      type: 'init';
      source: InspectorSource;
      rowCap: number;
      canStream: boolean;
      /** The workspace's last filter expressions, newest first. */
      recentFilters?: string[];
      colorRules?: ColorRule[];
    }
  | { type: 'records'; records: ChunkRecord[]; sentAt: number }
  | { type: 'notice'; notice: SessionNotice }
  | { type: 'stats'; stats: SessionStats }
  | { type: 'banner'; banner: Banner | null }
  | { type: 'capture'; capture: CaptureState }
  | { type: 'cleared' }
  | { type: 'toast'; text: string }
  /** A chunk's elements, or why there are none; `canFetch`: bytes not held can be fetched again (live inspectors). */
  | ({ type: 'elements'; index: number; canFetch: boolean } & ChunkElements)
  /** Bytes of the input as lowercase hex, for the hex pane. */
  | { type: 'bytes'; requestId: number; offset: number; hex: string };

/** "Copy as AWS CLI" for a row (its fragment number, or the token of the row before it), or for the session (null). */
export interface CopyCommandRequest {
  pipeline: boolean;
  row: { index: number; fragmentNumber: string | null; previousToken: string | null } | null;
}

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'stop' }
  | { type: 'resume' }
  | { type: 'resumeFrom'; token: string }
  | { type: 'clear' }
  | { type: 'saveCapture' }
  | { type: 'stopCapture' }
  /** `what` marks the copies the walkthrough waits for. */
  | { type: 'copy'; text: string; label: string; what?: 'continuation-token' }
  /** Opens the "KVS Inspector" output channel (the banners' "Show logs" link). */
  | { type: 'showLogs' }
  /** A filter expression the user applied (Enter or leaving the box): kept in the workspace's recent filters. */
  | { type: 'filterUsed'; text: string }
  | ({ type: 'copyCommand' } & CopyCommandRequest)
  | { type: 'elementsRequest'; index: number }
  /** Fetch chunk `index` again with GetMediaForFragmentList (its bytes are no longer held); answered by 'elements'. */
  | { type: 'fetchChunk'; index: number; fragmentNumber: string }
  /** Bytes of chunk `index` at absolute `offset` (a live session's offsets restart with each connection). */
  | { type: 'bytesRequest'; requestId: number; index: number; offset: number; length: number }
  /** The webview rendered these chunk indexes (bench and tests read the delay from it). */
  | { type: 'rendered'; lastIndex: number; sentAt: number; renderedAt: number };

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}
export type * from './fragments-protocol';
export { FRAGMENT_FLAGS } from './core/archive/timeline-columns';
