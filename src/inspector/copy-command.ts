import type { KvsClientFactory, StreamRef } from '../aws/client-factory';
import { getMediaCommand, getMediaPipeline, outputFileName } from '../aws/media-session/cli-command';
import { DataEndpoints } from '../aws/data-endpoints';
import type { StartChoice } from '../aws/media-session/start-selector';
import type { CopyCommandRequest } from '../protocol';

/** Builds "Copy as AWS CLI" / "Copy as pipeline" text for one live inspector's stream. */
export class CopyCommands {
  private readonly endpoints: DataEndpoints;

  constructor(
    factory: KvsClientFactory,
    private readonly stream: StreamRef,
    private readonly sessionStart: StartChoice,
  ) {
    this.endpoints = new DataEndpoints(factory);
  }

  async build(request: CopyCommandRequest): Promise<{ text: string; label: string }> {
    const start = startFor(request) ?? this.sessionStart;
    // The session reads from the endpoint override when there is one; the copied command must go to the same place.
    const endpointUrl =
      this.stream.target.endpoint ?? (await this.endpoints.get(this.stream, 'GET_MEDIA', AbortSignal.timeout(15_000)));
    const input = { stream: this.stream, endpointUrl, start };
    const where = request.row === null ? 'the session' : `chunk ${request.row.index}`;
    return request.pipeline
      ? { text: getMediaPipeline(input), label: `the pipeline for ${where}` }
      : {
          text: getMediaCommand({ ...input, outFile: outputFileName(this.stream.streamName, start) }),
          label: `the AWS CLI command for ${where}`,
        };
  }
}

const DIGITS = /^[0-9]{1,128}$/;
const TOKEN = /^[a-zA-Z0-9_.-]{1,128}$/;

/** This row's fragment number reproduces it first; without one, the token of the row before it does. */
function startFor(request: CopyCommandRequest): StartChoice | null {
  const row = request.row;
  if (!row) return null;
  if (row.fragmentNumber !== null && DIGITS.test(row.fragmentNumber))
    return { type: 'FRAGMENT_NUMBER', afterFragmentNumber: row.fragmentNumber };
  if (row.previousToken !== null && TOKEN.test(row.previousToken))
    return { type: 'CONTINUATION_TOKEN', token: row.previousToken };
  return null;
}
