import { loadavg } from 'node:os';
import { ChunkReader } from '../src/core/getmedia/chunk-reader';
import { MIB, captureParts } from './lib/streams';

/**
 * What the element hook costs: the same captures read in 1 MiB pieces by a ChunkReader without the hook (the
 * inspector and kvs-inspect's default) and with it (kvs-inspect --elements, the element tree), alternating in
 * one process so the machine's load falls on both alike.
 *   npm run bench -- element-hook [--mib=200] [--rounds=5]
 */
const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};

const parts = captureParts();
const whole = Buffer.concat(parts);
const repeats = Math.max(1, Math.ceil((arg('mib', 200) * MIB) / whole.length));
const pieces: Uint8Array[] = [];
for (let at = 0; at < whole.length; at += MIB) pieces.push(whole.subarray(at, at + MIB));

function read(withHook: boolean): { seconds: number; elements: number; records: number } {
  let elements = 0;
  let records = 0;
  const started = process.hrtime.bigint();
  for (let r = 0; r < repeats; r++) {
    const reader = new ChunkReader(withHook ? { onElement: () => void elements++ } : {});
    for (const piece of pieces) records += reader.push(piece).length;
    records += reader.end().length;
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, elements, records };
}

const mib = (whole.length * repeats) / MIB;
const rounds = arg('rounds', 5);
const off: number[] = [];
const on: number[] = [];
let elements = 0;
read(false);
read(true);
for (let i = 0; i < rounds; i++) {
  off.push(mib / read(false).seconds);
  const hooked = read(true);
  on.push(mib / hooked.seconds);
  elements = hooked.elements;
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];
console.log(`load ${loadavg()[0].toFixed(2)}; ${mib.toFixed(0)} MiB per run, ${rounds} rounds, median MiB/s`);
console.log(`without the hook  ${median(off).toFixed(0)} MiB/s`);
console.log(`with the hook     ${median(on).toFixed(0)} MiB/s (${elements.toLocaleString('en-US')} elements per run)`);
console.log(`ratio with/without ${(median(on) / median(off)).toFixed(2)}`);
