import type { ElementHeader } from '../ebml/element-reader';
import { Id } from '../ebml/ids';
import { type InternedStrings, readString, toHex } from '../ebml/values';
import { Anomaly } from './anomalies';
import type { ChunkDraft } from './chunk-draft';
import type { TagEntry } from './record';

/** How much of a tag value the reader asks for: more than this is never read, whatever the element's size. */
export const MAX_TAG_VALUE = 64 * 1024;
/** Bytes of tag names and values one record keeps whole; past it a long value is kept as a preview and its length. */
const TAG_BUDGET = 64 * 1024;
/** Values this short are always kept whole (the AWS tags are), whatever the budget. */
const SHORT_VALUE = 128;
const PREVIEW_BYTES = 64;

/**
 * A TagName, TagString or TagBinary (`bytes[start..end)`, what was read of it) into the SimpleTag being read:
 * whole within the record's tag budget, else a preview and its length, with one anomaly per record.
 */
export function readTagLeaf(
  entry: TagEntry | undefined,
  names: InternedStrings,
  h: ElementHeader,
  bytes: Uint8Array,
  start: number,
  end: number,
  draft: ChunkDraft,
): void {
  if (!entry) return;
  const kept = end - start;
  const whole = kept <= SHORT_VALUE || draft.tagBytes + kept <= TAG_BUDGET;
  if (whole) draft.tagBytes += kept;
  else if (!draft.overTagBudget) {
    draft.overTagBudget = true;
    draft.note(Anomaly.tagBudget(TAG_BUDGET));
  }
  const stop = whole ? end : start + PREVIEW_BYTES;
  // Tag names repeat in every chunk (the AWS_KINESISVIDEO_* ones): one string each, not one per tag.
  if (h.id === Id.TagName) entry.name = names.read(bytes, start, stop);
  else if (h.id === Id.TagString) entry.value = readString(bytes, start, stop);
  else {
    entry.value = toHex(bytes, start, stop);
    entry.binary = true;
  }
  if (!whole) {
    const preview = `${h.id === Id.TagName ? entry.name : entry.value}… (${h.dataSize} bytes)`;
    if (h.id === Id.TagName) entry.name = preview;
    else entry.value = preview;
  }
  if (h.dataSize > end - start) draft.note(Anomaly.valueCut(entry.name || 'a tag', h.dataSize, end - start));
}
