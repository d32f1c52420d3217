import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';

/** What node --cpu-prof writes: a call tree of nodes, and which node was on top at each sample. */
interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

const post = <T>(session: Session, method: string): Promise<T> =>
  new Promise((resolve, reject) =>
    session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))),
  );

/** Profiles this process (the same sampler as --cpu-prof) from now until the returned stop() is awaited. */
export async function startCpuProfile(): Promise<(file: string) => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.start');
  return async (file) => {
    const { profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
    session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
    return profile;
  };
}

/** The functions with the most self time, as `ms  name (file:line)` lines. */
export function topSelfTime(profile: CpuProfile, count: number): string[] {
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const self = byNode.get(node.id);
    if (!self) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? ` (${basename(url)}:${lineNumber + 1})` : '';
    const key = `${functionName || '(anonymous)'}${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + self);
  }
  return [...byFunction.entries()]
    .filter(([key]) => key !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, micros]) => `${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}

interface SamplingHeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingHeapNode[];
}

/** Samples allocations (HeapProfiler sampling, as --heap-prof does) until stop(); returns the top allocators. */
export async function startAllocationProfile(): Promise<(count: number) => Promise<string[]>> {
  const session = new Session();
  session.connect();
  await post(session, 'HeapProfiler.enable');
  await new Promise((resolve, reject) =>
    session.post(
      'HeapProfiler.startSampling',
      { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true },
      (e) => (e ? reject(e) : resolve(null)),
    ),
  );
  return async (count) => {
    const { profile } = await post<{ profile: { head: SamplingHeapNode } }>(session, 'HeapProfiler.stopSampling');
    session.disconnect();
    const bySite = new Map<string, number>();
    const walk = (node: SamplingHeapNode, parent: string): void => {
      const { functionName, url, lineNumber } = node.callFrame;
      const site = `${functionName || '(anonymous)'}${url ? ` (${basename(url)}:${lineNumber + 1})` : ''} <- ${parent}`;
      if (node.selfSize > 0) bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
      for (const child of node.children) walk(child, functionName || '(anonymous)');
    };
    walk(profile.head, '(root)');
    return [...bySite.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([site, bytes]) => `${(bytes / 1024 / 1024).toFixed(1).padStart(7)} MiB  ${site}`);
  };
}
