import type { ArchiveEndpoints } from '../aws/archive/archive-endpoints';
import { FragmentListSession } from '../aws/archive/fragment-list-session';
import type { StreamRef } from '../aws/client-factory';
import { describeError } from '../core/getmedia/error-catalogue';
import type { InspectorSource, SessionStats } from '../protocol';
import type { Feed, FeedSink } from './feeds';

/** Chosen fragments (from the Fragments view) through GetMediaForFragmentList, shown like any GetMedia session. */
export class FragmentListFeed implements Feed {
  readonly canStream = false;
  readonly source: InspectorSource;
  private session: FragmentListSession | null = null;

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
      listener: {
        chunks: (chunks) => {
          sink.records(
            chunks.map((c) => c.record),
            chunks.map((c) => c.bytes),
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

  resume(): void {
    // A fragment list is read once; the Fragments view opens a new inspector for another selection.
  }

  stats(): SessionStats {
    return (
      this.session?.snapshot() ?? {
        state: 'connecting',
        idleSeconds: 0,
        bytes: 0,
        bytesPerSecond: 0,
        chunksPerSecond: 0,
        chunks: 0,
        millisBehindNow: null,
        reconnects: 0,
        detail: null,
        canResume: false,
      }
    );
  }

  dispose(): void {
    void this.session?.stop();
    this.session = null;
  }
}
