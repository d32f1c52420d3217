import { FRAGMENT_FLAGS, type TimelineColumns, type TimelineRow } from '../../src/protocol';
import { firstFlag, type FlagKind } from './flags';

const NUMBER_COLUMNS = [
  'producerMs',
  'serverMs',
  'durationMs',
  'sizeBytes',
  'gapBeforeMs',
  'overlapMs',
  'flags',
] as const satisfies ReadonlyArray<keyof TimelineColumns>;

/**
 * The timeline message's columns, checked once, read by index: the table makes a row object only for the rows
 * it shows, and the timeline reads starts, durations and flags straight from the arrays.
 */
export class FragmentRows {
  readonly length: number;
  private readonly start: readonly number[];

  constructor(private readonly c: TimelineColumns) {
    this.length = c.numbers.length;
    this.start = c.type === 'SERVER_TIMESTAMP' ? c.serverMs : c.producerMs;
  }

  static readonly empty = new FragmentRows({
    type: 'SERVER_TIMESTAMP',
    numbers: [],
    producerMs: [],
    serverMs: [],
    durationMs: [],
    sizeBytes: [],
    gapBeforeMs: [],
    overlapMs: [],
    flags: [],
  });

  startMs(i: number): number {
    return this.start[i];
  }

  durationMs(i: number): number {
    return this.c.durationMs[i];
  }

  /** 0 when the fragment has no gap before it. */
  gapBeforeMs(i: number): number {
    return this.c.gapBeforeMs[i];
  }

  flag(i: number): FlagKind {
    const f = this.c.flags[i];
    return firstFlag(
      this.c.gapBeforeMs[i] > 0,
      (f & FRAGMENT_FLAGS.producerBackwards) !== 0,
      this.c.overlapMs[i] > 0,
      (f & FRAGMENT_FLAGS.durationOutlier) !== 0,
      (f & FRAGMENT_FLAGS.skewed) !== 0,
    );
  }

  /** Fragment numbers from..to, both included. */
  numbers(from: number, to: number): string[] {
    return this.c.numbers.slice(from, to + 1);
  }

  row(i: number): TimelineRow {
    const { c } = this;
    const f = c.flags[i];
    return {
      number: c.numbers[i],
      producerMs: c.producerMs[i],
      serverMs: c.serverMs[i],
      durationMs: c.durationMs[i],
      sizeBytes: c.sizeBytes[i],
      startMs: this.start[i],
      skewMs: c.producerMs[i] - c.serverMs[i],
      gapBeforeMs: c.gapBeforeMs[i] > 0 ? c.gapBeforeMs[i] : null,
      overlapMs: c.overlapMs[i] > 0 ? c.overlapMs[i] : null,
      durationOutlier: (f & FRAGMENT_FLAGS.durationOutlier) !== 0,
      skewed: (f & FRAGMENT_FLAGS.skewed) !== 0,
      producerBackwards: (f & FRAGMENT_FLAGS.producerBackwards) !== 0,
    };
  }
}

/** The message's columns as the host promised them, or an Error naming the first thing that is not. */
export function checkTimelineColumns(value: unknown): TimelineColumns {
  if (typeof value !== 'object' || value === null) throw new Error('timeline message: no columns');
  const c = value as Record<string, unknown>;
  if (c.type !== 'SERVER_TIMESTAMP' && c.type !== 'PRODUCER_TIMESTAMP')
    throw new Error(`timeline message: unknown timestamp type ${JSON.stringify(c.type)}`);
  const numbers = c.numbers;
  if (!Array.isArray(numbers) || !numbers.every((n) => typeof n === 'string'))
    throw new Error('timeline message: numbers is not a list of fragment numbers');
  for (const name of NUMBER_COLUMNS) {
    const column = c[name];
    if (!Array.isArray(column) || column.length !== numbers.length)
      throw new Error(`timeline message: ${name} is not a list of ${numbers.length} numbers`);
    for (let i = 0; i < column.length; i++)
      if (typeof column[i] !== 'number' || !Number.isFinite(column[i]))
        throw new Error(`timeline message: ${name}[${i}] is ${JSON.stringify(column[i])}, not a number`);
  }
  return value as TimelineColumns;
}
