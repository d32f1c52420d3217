import { checkOne, fuzzInputs } from '../test/core/fuzz-check';
import { mutate, seededRandom } from '../test/core/mutate';

/**
 * The long fuzz run: 100,000 mutated inputs (fixed seed) through the ChunkReader in random slices, with the
 * unit fuzz test's invariants (no throw, records inside the input, anomalies capped, records bounded). The
 * inputs mix real captures, captures cut at random offsets and appended, and the crafted kinds of
 * test/core/hostile-inputs.ts (short blocks, garbage timestamps, big tags, a huge value, deep nesting, an
 * endless Cluster). Prints cases/s, how many faulted, the slowest case, and memory.
 *   npm run bench -- fuzz [--cases=100000] [--seed=7]
 */
const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};

const cases = arg('cases', 100_000);
const seed = arg('seed', 7);
const inputs = fuzzInputs();
const random = seededRandom(seed);
const started = process.hrtime.bigint();
let faulted = 0;
let records = 0;
let bytes = 0;
let slowestMs = 0;
let slowest = '';
const heapSamples: number[] = [];
for (let i = 0; i < cases; i++) {
  const input = mutate(inputs, random);
  const t = process.hrtime.bigint();
  try {
    const result = checkOne(input, random);
    if (result.faulted) faulted++;
    records += result.records;
  } catch (e) {
    console.error(
      `case ${i} (seed ${seed}, ${input.length} bytes) broke an invariant: ${e instanceof Error ? e.stack : String(e)}`,
    );
    process.exit(1);
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (ms > slowestMs) {
    slowestMs = ms;
    slowest = `case ${i}, ${input.length} bytes`;
  }
  bytes += input.length;
  if (i % 10_000 === 0) heapSamples.push(process.memoryUsage().heapUsed / 1048576);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  `fuzz: ${cases} cases (seed ${seed}), ${(bytes / 1048576).toFixed(0)} MiB, ${seconds.toFixed(1)} s (${(cases / seconds).toFixed(0)} cases/s), slowest case ${slowestMs.toFixed(1)} ms (${slowest})`,
);
console.log(
  `faulted: ${faulted} (${((100 * faulted) / cases).toFixed(1)}%), records: ${records}, no throw, no invariant broken`,
);
console.log(
  `heap MiB every 10,000 cases: ${heapSamples.map((h) => h.toFixed(0)).join(' ')}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
