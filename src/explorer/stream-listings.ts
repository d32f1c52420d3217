import { targetKey, type AwsTarget, type StreamRef } from '../aws/client-factory';
import { classifyAwsError, type AwsProblem } from '../aws/errors';
import type { ExtensionServices } from '../aws/services';
import { describeStream, listStreamsPage, type StreamSummary } from '../aws/streams';

/** What a region node shows: the streams loaded so far, whether more pages exist, or why loading failed. */
export interface StreamListing {
  streams: StreamSummary[];
  nextToken?: string;
  problem?: AwsProblem;
}

export const STREAM_PAGE_SIZE = 100;

/**
 * Loaded ListStreams pages per profile and region, and each region's name filter. Kept outside the nodes
 * because VS Code asks for fresh nodes whenever a parent refreshes; a page is fetched once until Refresh.
 */
export class StreamListings {
  private readonly listings = new Map<string, StreamListing>();
  private readonly loading = new Map<string, Promise<StreamListing>>();
  private readonly filters = new Map<string, string>();

  constructor(private readonly services: ExtensionServices) {}

  filterOf(target: AwsTarget): string | undefined {
    return this.filters.get(targetKey(target));
  }

  setFilter(target: AwsTarget, prefix: string | undefined): void {
    const key = targetKey(target);
    if (prefix?.trim()) this.filters.set(key, prefix.trim());
    else this.filters.delete(key);
    this.listings.delete(key);
    this.loading.delete(key);
  }

  /** The first page, fetched on first use. */
  async get(target: AwsTarget): Promise<StreamListing> {
    const key = targetKey(target);
    const known = this.listings.get(key);
    if (known) return known;
    return this.fetch(key, target, { streams: [] }, undefined);
  }

  /** Appends the next page; a failure keeps what was already loaded and shows the problem after it. */
  async loadMore(target: AwsTarget): Promise<StreamListing> {
    const key = targetKey(target);
    const known = this.listings.get(key);
    if (!known) return this.get(target);
    if (!known.nextToken) return known;
    return this.fetch(key, target, known, known.nextToken);
  }

  /** DescribeStream for an expanded stream; a failure is logged and returned as the problem to show. */
  async describe(ref: StreamRef): Promise<StreamSummary | AwsProblem> {
    try {
      return await describeStream(
        (await this.services.getClientFactory()).controlPlane(ref.target),
        ref.target,
        ref.streamName,
      );
    } catch (error) {
      const problem = classifyAwsError(error, ref.target);
      this.services.log.error(
        `DescribeStream ${ref.streamName}: ${problem.title} (${problem.errorName}: ${problem.detail})`,
      );
      return problem;
    }
  }

  forget(target?: AwsTarget): void {
    if (target) {
      this.listings.delete(targetKey(target));
      this.loading.delete(targetKey(target));
    } else {
      this.listings.clear();
      this.loading.clear();
    }
  }

  private fetch(
    key: string,
    target: AwsTarget,
    before: StreamListing,
    token: string | undefined,
  ): Promise<StreamListing> {
    const pending = this.loading.get(key);
    if (pending) return pending;
    const work = (async (): Promise<StreamListing> => {
      try {
        const client = (await this.services.getClientFactory()).controlPlane(target);
        const page = await listStreamsPage(client, target, token, {
          namePrefix: this.filterOf(target),
          pageSize: STREAM_PAGE_SIZE,
          backoff: {
            attempts: 5,
            baseDelayMs: 500,
            maxDelayMs: 8_000,
            onRetry: (attempt, delayMs) =>
              this.services.log.warn(`ListStreams throttled in ${target.region}; retry ${attempt} in ${delayMs} ms`),
          },
        });
        const merged = [...before.streams, ...page.streams].sort((a, b) => a.name.localeCompare(b.name));
        return { streams: merged, nextToken: page.nextToken };
      } catch (error) {
        const problem = classifyAwsError(error, target);
        this.services.log.error(
          `ListStreams for ${target.profile} in ${target.region}: ${problem.title} (${problem.errorName}: ${problem.detail})`,
        );
        return { streams: before.streams, nextToken: before.nextToken, problem };
      }
    })();
    this.loading.set(key, work);
    return work.then((listing) => {
      // A filter change or Refresh while this page was in flight (backoff can take seconds) made it stale: never store it.
      if (this.loading.get(key) !== work) return listing;
      this.loading.delete(key);
      this.listings.set(key, listing);
      return listing;
    });
  }
}
