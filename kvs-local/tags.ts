import { Id } from '../src/core/ebml/ids';
import { element } from '../src/core/ebml/writer';
import { readString } from '../src/core/ebml/values';
import { childElements } from './ebml-bytes';

/** Splitting a Tags element into the producer's own tags (kept verbatim) and the AWS_KINESISVIDEO_* ones (read). */

const AWS_TAG_PREFIX = 'AWS_KINESISVIDEO_';

export interface SplitTags {
  /** The Tags element without AWS tags, or null when nothing else was in it. */
  producerTags: Uint8Array | null;
  /** AWS tag name (without prefix) to its text value. */
  aws: Map<string, string>;
}

function simpleTagName(
  bytes: Uint8Array,
  simpleTag: { dataStart: number; end: number },
): { name: string; value: string } {
  let name = '';
  let value = '';
  for (const child of childElements(bytes, simpleTag.dataStart, simpleTag.end)) {
    if (child.id === Id.TagName) name = readString(bytes, child.dataStart, child.end);
    else if (child.id === Id.TagString) value = readString(bytes, child.dataStart, child.end);
  }
  return { name, value };
}

export function splitTags(tagsElement: Uint8Array): SplitTags {
  const aws = new Map<string, string>();
  const [tags] = childElements(tagsElement);
  const keptTags: Uint8Array[] = [];
  for (const tag of childElements(tagsElement, tags.dataStart, tags.end)) {
    if (tag.id !== Id.Tag) continue;
    const kept: Uint8Array[] = [];
    let simpleCount = 0;
    for (const child of childElements(tagsElement, tag.dataStart, tag.end)) {
      const raw = tagsElement.subarray(child.start, child.end);
      if (child.id !== Id.SimpleTag) {
        kept.push(raw);
        continue;
      }
      const { name, value } = simpleTagName(tagsElement, child);
      if (name.startsWith(AWS_TAG_PREFIX)) {
        aws.set(name.slice(AWS_TAG_PREFIX.length), value);
      } else {
        kept.push(raw);
        simpleCount++;
      }
    }
    if (simpleCount > 0) keptTags.push(element(Id.Tag, ...kept));
  }
  return { producerTags: keptTags.length > 0 ? element(Id.Tags, ...keptTags) : null, aws };
}
