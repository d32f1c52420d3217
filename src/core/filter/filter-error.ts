/** A filter expression that cannot be read: where (0-based character offset) and why. */
export class FilterError extends Error {
  constructor(
    message: string,
    readonly position: number,
    readonly length = 1,
  ) {
    super(message);
    this.name = 'FilterError';
  }

  /** The message, the expression and a caret under the offending characters (for terminals). */
  withCaret(source: string): string {
    const caret = ' '.repeat(this.position) + '^'.repeat(Math.max(1, this.length));
    return `${this.message} (at character ${this.position + 1})\n  ${source}\n  ${caret}`;
  }
}
