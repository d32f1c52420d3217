import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LagWatchModel, type LagWatchSettings, type WatchedInspector } from '../../src/inspector/lag-watch-model';
import type { SessionStats } from '../../src/protocol';

function inspector(name: string, clock: { now: number }) {
  const stats: SessionStats = {
    state: 'streaming',
    idleSeconds: 0,
    bytes: 0,
    bytesPerSecond: 0,
    chunksPerSecond: 2,
    chunks: 10,
    millisBehindNow: 300,
    reconnects: 0,
    detail: null,
    canResume: true,
  };
  let last = clock.now;
  const watched: WatchedInspector & { stats: () => SessionStats; chunk(lag: number): void; s: SessionStats } = {
    streamName: name,
    s: stats,
    stats: () => stats,
    lastChunkAt: () => last,
    chunk(lag: number) {
      last = clock.now;
      stats.millisBehindNow = lag;
      stats.chunks++;
    },
  };
  return watched;
}

describe('lag watch (injected clock)', () => {
  const settings: LagWatchSettings = { lagWarningMs: 5000, stallWarningMs: 10_000, notify: true };
  const setup = () => {
    const clock = { now: 1_000_000 };
    const current = { ...settings };
    const model = new LagWatchModel(
      () => current,
      () => clock.now,
    );
    return { clock, model, current };
  };

  test('normal: stream, lag, chunks/s and state', () => {
    const { clock, model } = setup();
    const door = inspector('door', clock);
    const r = model.read(door)!;
    assert.equal(r.text, '$(pulse) door · 300 ms · 2.0/s · streaming');
    assert.equal(r.warning, false);
    assert.equal(r.notification, null);
  });

  test('lag past the setting warns, notifies once per excursion, and again after recovering', () => {
    const { clock, model } = setup();
    const door = inspector('door', clock);
    door.chunk(7200);
    const first = model.read(door)!;
    assert.equal(first.warning, true);
    assert.equal(first.text, '$(warning) door · 7,200 ms · 2.0/s · streaming');
    assert.equal(first.notification, 'KVS Inspector: door 7,200 ms behind now (warning above 5,000 ms).');
    clock.now += 1000;
    door.chunk(9000);
    assert.equal(model.read(door)!.notification, null, 'still the same excursion');
    door.chunk(5000);
    assert.equal(model.read(door)!.warning, false, 'exactly the threshold is not past it');
    door.chunk(6000);
    assert.match(model.read(door)!.notification ?? '', /6,000 ms behind now/);
  });

  test('no chunk for stallWarningMs while live warns; a chunk ends it; a stopped session does not warn', () => {
    const { clock, model } = setup();
    const door = inspector('door', clock);
    clock.now += 10_000;
    assert.equal(model.read(door)!.warning, false, 'exactly the threshold');
    clock.now += 1;
    const stalled = model.read(door)!;
    assert.equal(stalled.warning, true);
    assert.match(stalled.text, /· stalled 10 s$/);
    assert.equal(stalled.notification, 'KVS Inspector: door no chunk for 10 s (warning after 10 s).');
    clock.now += 5000;
    assert.equal(model.read(door)!.notification, null);
    door.chunk(100);
    assert.equal(model.read(door)!.warning, false);
    clock.now += 60_000;
    door.s.state = 'stopped';
    assert.equal(model.read(door)!.warning, false);
  });

  test('notifications off: the item still warns; switching inspectors starts a fresh excursion', () => {
    const { clock, model, current } = setup();
    current.notify = false;
    const door = inspector('door', clock);
    door.chunk(8000);
    const r = model.read(door)!;
    assert.equal(r.warning, true);
    assert.equal(r.notification, null);
    current.notify = true;
    const yard = inspector('yard', clock);
    yard.chunk(8000);
    assert.match(model.read(yard)!.notification ?? '', /^KVS Inspector: yard/);
    assert.equal(model.read(null), null);
  });
});
