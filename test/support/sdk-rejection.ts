/** What a failed SDK call rejects with, as far as the tests look at it. */
export interface ErrorLike {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number; requestId?: string; attempts?: number };
}

/** The error a call that must fail rejects with; a call that succeeds fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<ErrorLike> {
  try {
    await promise;
  } catch (e) {
    return e as ErrorLike;
  }
  throw new Error('expected the call to fail');
}
