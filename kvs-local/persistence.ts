import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  ftruncateSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { StoredFragment } from './fragment';
import type { StreamRecord, StreamStore } from './stream-store';

/**
 * --data DIR: append-only files. streams.log holds one JSON line per create/delete; each stream's fragments go to
 * fragments/NAME.CREATION.frag as records [4-byte length][JSON facts][head][cluster][tail], written and fsynced
 * before the store shows the fragment to readers (so before PutMedia acks PERSISTED).
 */

interface StreamLine {
  op: 'create' | 'delete';
  name: string;
  creationTimeMs: number;
  dataRetentionInHours?: number;
  mediaType?: string | null;
  kmsKeyId?: string;
  deviceName?: string | null;
  version?: string;
}

interface FragmentFacts {
  number: string;
  serverTimestampMs: number;
  producerTimestampMs: number;
  durationMs: number;
  frames: number;
  head: number;
  cluster: number;
  tail: number;
}

/** A stream's fragment file, always inside DIR/fragments whatever the name (names are checked at start too). */
function fragmentFile(dir: string, s: { name: string; creationTimeMs: number }): string {
  const folder = resolve(dir, 'fragments');
  const file = resolve(folder, `${s.name}.${s.creationTimeMs}.frag`);
  if (dirname(file) !== folder) throw new Error(`stream name ${JSON.stringify(s.name)} would be stored outside ${dir}`);
  return file;
}

function appendSynced(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function encodeFragment(f: StoredFragment): Buffer {
  const facts: FragmentFacts = {
    number: f.number,
    serverTimestampMs: f.serverTimestampMs,
    producerTimestampMs: f.producerTimestampMs,
    durationMs: f.durationMs,
    frames: f.frames,
    head: f.head.length,
    cluster: f.cluster.length,
    tail: f.tail.length,
  };
  const json = Buffer.from(JSON.stringify(facts));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, f.head, f.cluster, f.tail]);
}

/** Reads every whole record; a record cut off by a crash is dropped and the file trimmed back to the last whole one. */
function readFragments(path: string): StoredFragment[] {
  if (!existsSync(path)) return [];
  const bytes = readFileSync(path);
  const out: StoredFragment[] = [];
  let at = 0;
  while (at + 4 <= bytes.length) {
    const jsonLength = bytes.readUInt32BE(at);
    if (at + 4 + jsonLength > bytes.length) break;
    let facts: FragmentFacts;
    try {
      facts = JSON.parse(bytes.subarray(at + 4, at + 4 + jsonLength).toString('utf8')) as FragmentFacts;
    } catch {
      break;
    }
    const start = at + 4 + jsonLength;
    const end = start + facts.head + facts.cluster + facts.tail;
    if (end > bytes.length) break;
    const copy = (from: number, n: number): Uint8Array => new Uint8Array(bytes.subarray(from, from + n));
    out.push({
      number: facts.number,
      serverTimestampMs: facts.serverTimestampMs,
      producerTimestampMs: facts.producerTimestampMs,
      durationMs: facts.durationMs,
      frames: facts.frames,
      head: copy(start, facts.head),
      cluster: copy(start + facts.head, facts.cluster),
      tail: copy(start + facts.head + facts.cluster, facts.tail),
    });
    at = end;
  }
  if (at < bytes.length) {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, at);
    } finally {
      closeSync(fd);
    }
  }
  return out;
}

/** Loads DIR into the store, then keeps DIR in step with every change. Returns how many fragments were loaded. */
export function attachPersistence(store: StreamStore, dir: string): number {
  mkdirSync(join(dir, 'fragments'), { recursive: true });
  const log = join(dir, 'streams.log');
  let loaded = 0;
  if (existsSync(log)) {
    const live = new Map<string, StreamLine>();
    for (const text of readFileSync(log, 'utf8').split('\n')) {
      if (!text.trim()) continue;
      let line: StreamLine;
      try {
        line = JSON.parse(text) as StreamLine;
      } catch {
        continue;
      }
      if (line.op === 'create') live.set(line.name, line);
      else if (live.get(line.name)?.creationTimeMs === line.creationTimeMs) live.delete(line.name);
    }
    for (const line of live.values()) {
      const stream = store.create({ ...line, silent: true });
      for (const fragment of readFragments(fragmentFile(dir, line))) store.restore(stream, fragment);
      loaded += stream.fragments.length;
    }
  }
  const writeLine = (line: StreamLine): void => appendSynced(log, Buffer.from(JSON.stringify(line) + '\n'));
  store.events.on('created', (s: StreamRecord) =>
    writeLine({
      op: 'create',
      name: s.name,
      creationTimeMs: s.creationTimeMs,
      dataRetentionInHours: s.dataRetentionInHours,
      mediaType: s.mediaType,
      kmsKeyId: s.kmsKeyId,
      deviceName: s.deviceName,
      version: s.version,
    }),
  );
  store.events.on('deleted', (s: StreamRecord) => {
    writeLine({ op: 'delete', name: s.name, creationTimeMs: s.creationTimeMs });
    const file = fragmentFile(dir, s);
    if (existsSync(file)) unlinkSync(file);
  });
  store.events.on('fragment', (s: StreamRecord, f: StoredFragment) =>
    appendSynced(fragmentFile(dir, s), encodeFragment(f)),
  );
  return loaded;
}
