import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Id } from '../src/core/ebml/ids';
import { concat } from '../src/core/ebml/writer';
import { readAllChunks } from '../src/core/getmedia/chunk-reader';
import { getMediaFixture, gplCapture, hasGplCapture } from '../test/support/paths';
import { getMediaChunk, simpleBlock, wideElement } from '../test/core/build-chunks';

/**
 * Measures, in a child process, what loading and using ebml@3 does, for docs/DESIGN.md's
 * "Why our own EBML reader": global patches, 8-byte sizes, unknown-size elements.
 *   npm run bench -- ebml-faults
 */
interface Decoder {
  on(event: string, listener: (arg: unknown) => void): void;
  write(chunk: Uint8Array): boolean;
  end(): void;
}
type Event = [string, { name?: string; start?: number; end?: number; dataSize?: number }];

function decodeAll(load: NodeJS.Require, bytes: Uint8Array): { events: Event[]; error: string | null } {
  const ebml = load('ebml') as { Decoder: new () => Decoder };
  const decoder = new ebml.Decoder();
  const events: Event[] = [];
  let error: string | null = null;
  decoder.on('data', (e) => {
    events.push(e as Event);
  });
  decoder.on('error', (e) => {
    error = e instanceof Error ? e.message : String(e);
  });
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 0; at < buffer.length; at += 65536) decoder.write(buffer.subarray(at, at + 65536));
    decoder.end();
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  return { events, error };
}

/** Depth of each SimpleBlock as ebml's start/end events place it (a Cluster's blocks belong at depth 2). */
function blockDepths(events: Event[]): Map<number, number> {
  const depths = new Map<number, number>();
  let depth = 0;
  for (const [kind, tag] of events) {
    if (kind === 'start') depth++;
    else if (kind === 'end') depth--;
    else if (tag.name === 'SimpleBlock') depths.set(depth, (depths.get(depth) ?? 0) + 1);
  }
  return depths;
}

function child(): void {
  const globalsBefore = new Map(
    Object.getOwnPropertyNames(globalThis).map((k) => [k, (globalThis as Record<string, unknown>)[k]]),
  );
  const statics = {
    'Array.from': Array.from,
    'Array.of': Array.of,
    'Object.assign': Object.assign,
    'Promise.all': Promise.all,
  };
  const mapProto = Object.getOwnPropertyNames(Map.prototype).map(
    (k) => [k, Object.getOwnPropertyDescriptor(Map.prototype, k)?.value] as const,
  );
  const load = createRequire(__filename);
  load('ebml');
  const replaced = Object.getOwnPropertyNames(globalThis).filter(
    (k) => globalsBefore.has(k) && !Object.is(globalsBefore.get(k), (globalThis as Record<string, unknown>)[k]),
  );
  const added = Object.getOwnPropertyNames(globalThis).filter((k) => !globalsBefore.has(k));
  const staticsReplaced = Object.entries(statics)
    .filter(([name, fn]) => {
      const [owner, key] = name.split('.');
      return (globalThis as unknown as Record<string, Record<string, unknown>>)[owner][key] !== fn;
    })
    .map(([name]) => name);
  const mapProtoChanged = mapProto
    .filter(([k, v]) => Object.getOwnPropertyDescriptor(Map.prototype, k)?.value !== v)
    .map(([k]) => k);

  // 8-byte sizes, as the C producer writes them: a 70,000-byte SimpleBlock and a 65,535-byte one.
  const wide = (payload: number): Uint8Array =>
    getMediaChunk({
      blocks: [wideElement(Id.SimpleBlock, 8, Uint8Array.of(0x81, 0, 0, 0x80), new Uint8Array(payload))],
    });
  const small = decodeAll(load, wide(65_531));
  const large = decodeAll(load, wide(69_996));
  const gpl = hasGplCapture ? decodeAll(load, readFileSync(gplCapture)) : null;
  // Unknown-size Segment and Cluster (every GetMedia chunk has the first; the C producer writes the second).
  const unknownCluster = getMediaChunk({
    unknownCluster: true,
    blocks: [simpleBlock(0, true), simpleBlock(33, false), simpleBlock(66, false)],
  });
  const unknown = decodeAll(load, unknownCluster);
  const real = decodeAll(load, readFileSync(getMediaFixture('output_get_media.mkv')));
  const segmentEnds = real.events.filter(([k, t]) => k === 'end' && t.name === 'Segment').map(([, t]) => t);
  process.stdout.write(
    JSON.stringify({
      replaced,
      added,
      staticsReplaced,
      mapProtoChanged,
      size65535: { error: small.error, blocks: small.events.filter(([, t]) => t.name === 'SimpleBlock').length },
      size70000: {
        error: large.error,
        blocks: large.events.filter(([, t]) => t.name === 'SimpleBlock').length,
        sizes: large.events.filter(([, t]) => t.name === 'SimpleBlock').map(([, t]) => t.dataSize),
      },
      gpl: gpl && { error: gpl.error, blocks: gpl.events.filter(([, t]) => t.name === 'SimpleBlock').length },
      unknownCluster: { error: unknown.error, blockDepths: [...blockDepths(unknown.events)] },
      realCapture: {
        error: real.error,
        segmentEnds: segmentEnds.length,
        segmentEndEnds: segmentEnds.slice(0, 2).map((t) => t.end),
        blockDepths: [...blockDepths(real.events)],
      },
    }) + '\n',
  );
}

function main(): void {
  const r = spawnSync(process.execPath, [__filename, '--child'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  const m = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
  const ours = readAllChunks(concat([readFileSync(getMediaFixture('output_get_media.mkv'))]));
  console.log('# ebml@3, measured\n');
  console.log(
    `- loading it replaces globals: ${JSON.stringify(m.replaced)}; adds: ${JSON.stringify(m.added)}; replaces statics: ${JSON.stringify(m.staticsReplaced)}; Map.prototype members changed: ${JSON.stringify(m.mapProtoChanged)}`,
  );
  console.log(`- 8-byte size, 65,535-byte SimpleBlock: ${JSON.stringify(m.size65535)}`);
  console.log(`- 8-byte size, 70,000-byte SimpleBlock: ${JSON.stringify(m.size70000)}`);
  console.log(
    `- the C producer capture (../shared): ${m.gpl ? JSON.stringify(m.gpl) : 'absent, skipped'} (ours: 18 chunks, 131 blocks)`,
  );
  console.log(
    `- unknown-size Cluster with 3 blocks: ${JSON.stringify(m.unknownCluster)} ([depth, blocks]; inside the Cluster is depth 2)`,
  );
  console.log(
    `- output_get_media.mkv (5 chunks, 300 blocks): ${JSON.stringify(m.realCapture)}; ours: ${ours.records.length} records, ${ours.records.reduce((n, x) => n + x.frames, 0)} blocks`,
  );
  if (process.argv.includes('--json')) console.log(JSON.stringify(m));
}

if (process.argv.includes('--child')) child();
else main();
