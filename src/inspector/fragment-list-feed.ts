import type { ArchiveEndpoints } from '../aws/archive/archive-endpoints';
import { FragmentListSession } from '../aws/archive/fragment-list-session';
import type { StreamRef } from '../aws/client-factory';
import { describeError } from '../core/getmedia/error-catalogue';
import { EMPTY_STATS, type InspectorSource, type SessionStats } from '../protocol';
import type { Feed, FeedSink } from './feeds';

/** Chosen fragments (from the Fragments view) through GetMediaForFragmentList, shown like any GetMedia session. */
export class FragmentListFeed implements Feed {
  readonly canStream = false;
  readonly source: InspectorSource;
  private session: FragmentListSession | null = null;
  private keepingBytes = false;

  constructor(
    private readonly endpoints: ArchiveEndpoints,
    private readonly stream: StreamRef,
    private readonly numbers: readonly string[],
    private readonly log: (line: string) => void,
  ) {
    this.source = {
      kind: 'stream',
      streamName: stream.streamName,
      profile: stream.target.profile,
      region: stream.target.region,
      selector: `GetMediaForFragmentList, ${numbers.length} fragment${numbers.length === 1 ? '' : 's'}`,
    };
  }

  start(sink: FeedSink): void {
    this.session = new FragmentListSession({
      endpoints: this.endpoints,
      stream: this.stream,
      numbers: this.numbers,
      keepChunkBytes: this.keepingBytes,
      listener: {
        chunks: (chunks) => {
          sink.records(
            chunks.map((c) => c.record),
            this.keepingBytes ? chunks.map((c) => c.pieces) : undefined,
          );
          for (const { record } of chunks)
            if (record.errorId !== null) {
              const advice = describeError(record.errorId);
              sink.banner({
                level: 'error',
                title: `In-band error ${record.errorId} ${record.errorCode ?? advice.code}`,
                meaning: advice.meaning,
                whatToDo: advice.whatToDo,
              });
            }
        },
        state: () => sink.stateChanged(),
        httpError: (e) =>
          sink.banner({
            level: 'error',
            title: `${e.operation} failed: ${e.name}${e.status ? `, HTTP ${e.status}` : ''}${e.requestId ? `, request ${e.requestId}` : ''}`,
            meaning: e.message,
            whatToDo:
              'Check the stream, profile and permissions (kinesisvideo:GetMediaForFragmentList), then inspect again.',
          }),
        log: this.log,
      },
    });
    void this.session.run();
  }

  async stop(): Promise<void> {
    await this.session?.stop();
  }

  keepChunkBytes(on: boolean): void {
    this.keepingBytes = on;
    this.session?.keepChunkBytes(on);
  }

  resume(): void {
    // A fragment list is read once; the Fragments view opens a new inspector for another selection.
  }

  stats(): SessionStats {
    return this.session?.snapshot() ?? { ...EMPTY_STATS };
  }

  dispose(): void {
    void this.session?.stop();
    this.session = null;
  }
}
