import { describe, test } from 'node:test';
import { checkOne, fuzzInputs } from './fuzz-check';
import { mutate, seededRandom } from './mutate';

describe('fuzz: mutated real captures (fixed seed)', () => {
  test('3,000 cases: no throw, no hang, every record inside the input, indices without gaps', () => {
    const inputs = fuzzInputs();
    const random = seededRandom(0x6b7673);
    for (let i = 0; i < 3000; i++) {
      const input = mutate(inputs, random);
      try {
        checkOne(input, random);
      } catch (e) {
        throw new Error(`case ${i} (${input.length} bytes): ${e instanceof Error ? e.message : String(e)}`, {
          cause: e,
        });
      }
    }
  });
});
