import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getMediaFixture, gplCapture, hasGplCapture } from '../../test/support/paths';

/** Complete real GetMedia captures: repeated end to end they stay a valid GetMedia stream. */
const GETMEDIA_CAPTURES = [
  'output_get_media.mkv',
  'kinesis_video_renderer_example_output.mkv',
  'output_get_media_sparse_fragments.mkv',
  'test_mixed_tags.mkv',
];

export const MIB = 1024 * 1024;

export function captureParts(): Uint8Array[] {
  return GETMEDIA_CAPTURES.map((name) => readFileSync(getMediaFixture(name)));
}

/** The GPL capture without its cut-off last chunk (it ends where the last EBML header begins). */
export function gplParts(): Uint8Array[] {
  if (!hasGplCapture) return [];
  const bytes = readFileSync(gplCapture);
  return [bytes.subarray(0, 4478921)];
}

/** Writes `parts` repeated until the file holds at least `mib` MiB; reuses it when already there. */
export function repeatedStreamFile(label: string, parts: readonly Uint8Array[], mib: number): string {
  const file = join(tmpdir(), `kvs-bench-${label}-${mib}mib.mkv`);
  const target = mib * MIB;
  if (existsSync(file) && statSync(file).size >= target) return file;
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    while (written < target)
      for (const part of parts) {
        writeSync(fd, part);
        written += part.length;
      }
  } finally {
    closeSync(fd);
  }
  return file;
}
