/** What the SDK's GetMedia Payload is in Node: an http.IncomingMessage (a Readable). */
interface NodeBody {
  on(event: 'data', listener: (piece: Uint8Array) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  off(event: 'data', listener: (piece: Uint8Array) => void): unknown;
  pause(): unknown;
}

const isNodeBody = (body: unknown): body is NodeBody =>
  typeof body === 'object' &&
  body !== null &&
  typeof (body as Partial<NodeBody>).on === 'function' &&
  typeof (body as Partial<NodeBody>).pause === 'function';

/**
 * Hands each piece of a response body to `onPiece` exactly as the socket delivered it, until `onPiece` returns
 * false (resolves; the caller closes the body), the body ends (resolves) or breaks (rejects). Node's async
 * iterator would instead join every piece that queued up while the consumer was busy: a copy of payload bytes
 * nobody needs, and twice the garbage at 25 MB/s. Aborting `signal` destroys the body, which breaks the read.
 */
export async function readPieces(
  body: unknown,
  onPiece: (piece: Uint8Array) => boolean,
  signal?: AbortSignal,
): Promise<void> {
  const destroy = (): void => (body as { destroy?: () => void } | null)?.destroy?.();
  signal?.addEventListener('abort', destroy, { once: true });
  try {
    await (isNodeBody(body) ? readNodeBody(body, onPiece) : iteratePieces(body as AsyncIterable<Uint8Array>, onPiece));
  } finally {
    signal?.removeEventListener('abort', destroy);
  }
}

function readNodeBody(body: NodeBody, onPiece: (piece: Uint8Array) => boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.pause();
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onData = (piece: Uint8Array): void => {
      if (settled) return;
      try {
        if (!onPiece(piece)) settle();
      } catch (error) {
        settle(error);
      }
    };
    body.on('data', onData);
    body.on('end', () => settle());
    body.on('error', (error) => settle(error));
    body.on('close', () => settle(new Error('the response closed before its end')));
  });
}

async function iteratePieces(body: AsyncIterable<Uint8Array>, onPiece: (piece: Uint8Array) => boolean): Promise<void> {
  for await (const piece of body) if (!onPiece(piece)) return;
}
