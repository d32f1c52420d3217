/**
 * Messages between the extension host and the inspector webview: the only file webview/ imports (type-only).
 * Two unions, one per direction, switched exhaustively on `type` on each side.
 */
export type { ChunkRecord, TagEntry, TrackInfo } from './core/getmedia/record';

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}
