import type { ChunkRecord, SessionNotice, WebviewToHost } from '../src/protocol';
import { derivedFigures } from '../src/core/filter';
import type { ElementsSection } from './elements-section';
import { formatBitrate, formatBytes, formatTime, visibleText, type TimeZoneMode } from './format';
import { button, el } from './dom';
import type { Row } from './row-store';

const NOTICE_TITLES: Record<SessionNotice['kind'], string> = {
  reconnect: 'Reconnect',
  'http-error': 'HTTP error',
  resync: 'Resync: unreadable bytes skipped',
  info: 'Note',
};

const TRACK_TYPES: Record<number, string> = {
  1: 'video',
  2: 'audio',
  3: 'complex',
  16: 'logo',
  17: 'subtitle',
  18: 'buttons',
  32: 'control',
  33: 'metadata',
};

/** The selected row in full: every field, every tag (text only, never HTML), tracks, token actions, byte ranges. */
export class DetailsPane {
  zone: TimeZoneMode = 'utc';
  canResume = true;
  /** "Copy as AWS CLI" / "Copy as pipeline" for a chunk (live sessions only; set by main). */
  copyCommand: ((r: ChunkRecord, pipeline: boolean) => void) | null = null;
  /** The element tree and bytes of the shown chunk (set by main). */
  elements: ElementsSection | null = null;

  constructor(
    private readonly root: HTMLElement,
    private readonly post: (message: WebviewToHost) => void,
  ) {
    this.show(null);
  }

  show(row: Row | null): void {
    this.root.replaceChildren();
    if (!row) {
      this.root.append(el('p', 'muted', 'Select a row to see its tags, tracks, continuation token and byte range.'));
      return;
    }
    if (row.kind === 'notice') this.showNotice(row.notice);
    else this.showRecord(row.record);
  }

  private showNotice(notice: SessionNotice): void {
    this.root.append(el('h3', undefined, NOTICE_TITLES[notice.kind]));
    const fields: Array<[string, string]> = [
      ['When', formatTime(notice.at, this.zone)],
      ['What', notice.text],
    ];
    const e = notice.httpError;
    if (e)
      fields.push(
        ['Operation', e.operation],
        ['Exception', e.name],
        ['HTTP status', e.status === null ? 'no response' : String(e.status)],
        ['x-amzn-ErrorType', e.errorType ?? '—'],
        ['x-amzn-RequestId', e.requestId ?? '—'],
        ['Message', e.message],
        ['Retry makes sense', e.retryable ? 'yes (the session retries with backoff)' : 'no'],
      );
    this.root.append(this.fieldList(fields));
  }

  private showRecord(r: ChunkRecord): void {
    const title = el('h3', undefined, `Chunk ${r.index}${r.errorId !== null ? ` — error ${r.errorId}` : ''}`);
    const actions = el('div', 'actions');
    actions.append(
      button(
        'Copy as JSON',
        () => this.post({ type: 'copy', text: JSON.stringify(r, null, 2), label: `chunk ${r.index} as JSON` }),
        { secondary: true },
      ),
    );
    const copyCommand = this.copyCommand;
    if (copyCommand)
      actions.append(
        button('Copy as AWS CLI', () => copyCommand(r, false), { secondary: true }),
        button('Copy as pipeline', () => copyCommand(r, true), { secondary: true }),
      );
    this.root.append(title, actions);
    if (r.errorId !== null) {
      const box = el('div', 'error-box');
      box.append(
        el('strong', undefined, `${r.errorId} ${r.errorCode ?? ''}`),
        el('div', undefined, r.errorMeaning ?? ''),
      );
      this.root.append(box);
    }
    this.root.append(
      this.fieldList([
        ['Fragment number', r.fragmentNumber ?? '—'],
        [
          'Server time',
          r.serverTimestamp === null ? '—' : `${formatTime(r.serverTimestamp, this.zone)} (${r.serverTimestampText})`,
        ],
        [
          'Producer time',
          r.producerTimestamp === null
            ? '—'
            : `${formatTime(r.producerTimestamp, this.zone)} (${r.producerTimestampText})`,
        ],
        ['Millis behind now', r.millisBehindNow === null ? '—' : r.millisBehindNow.toLocaleString('en-US')],
        ['Cluster timecode', r.clusterTimecode === null ? '—' : `${r.clusterTimecode} × ${r.timecodeScale} ns`],
        ['Duration', r.durationMs === null ? '—' : `${r.durationMs} ms`],
        ['Frames / keyframes', `${r.frames} / ${r.keyframes} (every track)`],
        ...this.derivedFields(r),
        ['Anomalies', r.anomalies.length ? r.anomalies.join('; ') : 'none'],
      ]),
    );
    this.root.append(this.tokenSection(r), this.rangeSection(r), this.trackSection(r), this.tagSection(r));
    this.elements?.attach(this.root, r);
  }

  private tokenSection(r: ChunkRecord): HTMLElement {
    const section = el('section', 'token');
    section.append(el('h4', undefined, 'Continuation token'));
    if (r.continuationToken === null) {
      section.append(el('p', 'muted', 'This chunk carries no continuation token.'));
      return section;
    }
    const token = r.continuationToken;
    section.append(el('code', 'token-value', token));
    const actions = el('div', 'actions');
    actions.append(
      button(
        'Copy token',
        () => this.post({ type: 'copy', text: token, label: 'continuation token', what: 'continuation-token' }),
        {
          secondary: true,
        },
      ),
      button('Resume from here', () => this.post({ type: 'resumeFrom', token }), {
        secondary: true,
        disabled: !this.canResume,
      }),
    );
    section.append(actions);
    return section;
  }

  private rangeSection(r: ChunkRecord): HTMLElement {
    const section = el('section');
    section.append(el('h4', undefined, 'Raw bytes'));
    const rows: Array<[string, string]> = [
      [
        'Chunk',
        `${r.byteOffset.toLocaleString('en-US')} + ${r.byteLength.toLocaleString('en-US')} (${formatBytes(r.byteLength)})${r.truncated ? ', truncated' : ''}`,
      ],
    ];
    for (const [part, range] of Object.entries(r.ranges))
      if (range) rows.push([part, `${range.offset.toLocaleString('en-US')} + ${range.length.toLocaleString('en-US')}`]);
    section.append(this.fieldList(rows));
    return section;
  }

  private derivedFields(r: ChunkRecord): Array<[string, string]> {
    const f = derivedFigures(r);
    return [
      ['Video keyframes', `${f.videoKeyframes} of ${f.videoFrames} video frames`],
      ['FPS (video)', f.fps === null ? '—' : f.fps.toFixed(2)],
      ['Bitrate', f.bitrate === null ? '—' : formatBitrate(f.bitrate)],
      ['GOP (frames per keyframe)', f.gop === null ? '—' : String(f.gop)],
      ['Producer − server skew', f.skewMs === null ? '—' : `${f.skewMs.toLocaleString('en-US')} ms`],
    ];
  }

  private trackSection(r: ChunkRecord): HTMLElement {
    const section = el('section');
    section.append(el('h4', undefined, `Tracks (${r.tracks.length})`));
    for (const t of r.tracks) {
      const kind = t.type === null ? 'unknown type' : (TRACK_TYPES[t.type] ?? `type ${t.type}`);
      const shape = t.width
        ? `${t.width}×${t.height ?? '?'}`
        : t.samplingFrequency
          ? `${t.samplingFrequency} Hz${t.channels ? `, ${t.channels} ch` : ''}`
          : '';
      section.append(
        el(
          'div',
          'track',
          `#${t.number} ${kind} ${t.codecId ?? '(no codec id)'}${shape ? ` ${shape}` : ''}${t.name ? ` "${visibleText(t.name, 200)}"` : ''}`,
        ),
      );
      const stats = r.trackStats.find((s) => s.number === t.number);
      section.append(
        el(
          'div',
          'track-stats',
          stats
            ? `${stats.frames} frames, ${stats.keyframes} key, ${formatBytes(stats.bytes)}${stats.durationMs === null ? '' : `, ${stats.durationMs} ms`}`
            : 'no blocks in this chunk',
        ),
      );
    }
    for (const stats of r.trackStats.filter((s) => !r.tracks.some((t) => t.number === s.number))) {
      section.append(
        el(
          'div',
          'track-stats',
          `#${stats.number} (not in Tracks): ${stats.frames} frames, ${stats.keyframes} key, ${formatBytes(stats.bytes)}`,
        ),
      );
    }
    return section;
  }

  private tagSection(r: ChunkRecord): HTMLElement {
    const section = el('section');
    section.append(el('h4', undefined, `Tags (${r.tags.length})`));
    const table = el('div', 'tags');
    for (const tag of r.tags) {
      const name = el(
        'span',
        `tag-name${tag.name.startsWith('AWS_KINESISVIDEO_') ? ' aws' : ''}`,
        visibleText(tag.name, 300),
      );
      name.style.paddingLeft = `${(tag.depth ?? 0) * 14}px`;
      const value = el(
        'span',
        `tag-value${tag.binary ? ' binary' : ''}`,
        `${tag.binary ? '0x' : ''}${visibleText(tag.value)}`,
      );
      value.title =
        tag.value.length > 4096
          ? `${tag.value.length.toLocaleString('en-US')} characters: use Copy for the whole value`
          : '';
      const copy = button('Copy', () => this.post({ type: 'copy', text: tag.value, label: `tag ${tag.name}` }), {
        secondary: true,
      });
      copy.classList.add('tag-copy');
      table.append(name, value, copy);
    }
    section.append(table);
    return section;
  }

  private fieldList(fields: Array<[string, string]>): HTMLElement {
    const list = el('dl', 'fields');
    for (const [key, value] of fields) list.append(el('dt', undefined, key), el('dd', undefined, visibleText(value)));
    return list;
  }
}
