import type { HostToFragments, TrackFact } from '../../src/protocol';
import { button, el } from '../dom';
import { formatTime, type TimeZoneMode } from '../format';

type PlaybackMessage = Extract<HostToFragments, { type: 'playback' }>;

const line = (tag: 'div' | 'h3', className: string, text: string): HTMLElement => el(tag, className, text);

function trackText(t: TrackFact): string {
  const kind = t.type === 1 ? 'video' : t.type === 2 ? 'audio' : `type ${t.type ?? '?'}`;
  const size = t.width && t.height ? ` ${t.width}x${t.height}` : '';
  const cpd =
    t.codecPrivateLength === 0
      ? 'CodecPrivate missing'
      : `CodecPrivate ${t.codecPrivateLength} bytes, first byte 0x${(t.codecPrivateFirstByte ?? 0).toString(16).padStart(2, '0')}`;
  return `Track ${t.number}: ${kind} ${t.codecId ?? '(no codec id)'}${size}, ${cpd}`;
}

/** "Why won't it play?": each API's answer decoded, next to the tracks the reader saw in the first fragment. */
export function renderWhy(
  root: HTMLElement,
  message: PlaybackMessage,
  zone: TimeZoneMode,
  copy: (text: string, label: string) => void,
): void {
  const answers = message.answers.map((a) => {
    const box = document.createElement('div');
    box.className = `answer ${a.ok ? 'answer-ok' : 'answer-refused'}`;
    box.dataset.api = a.api;
    if (a.ok) {
      box.append(line('div', 'answer-title', `${a.api}: plays (${a.detail})`));
      if (a.url) {
        const url = line('div', 'answer-url', `${a.url}  (expires ${formatTime(a.expiresAtMs, zone)})`);
        box.append(
          url,
          button('Copy URL', () => copy(a.url, `${a.api} URL`), { secondary: true }),
        );
      }
    } else {
      const r = a.refusal;
      const head = `${a.api}: ${r.name}${r.status ? ` (HTTP ${r.status})` : ''}${r.requestId ? `, request ${r.requestId}` : ''}`;
      box.append(
        line('div', 'answer-title', head),
        line('div', 'answer-message', r.message),
        line('div', 'answer-meaning', r.meaning),
        line('div', 'answer-todo', `What to do: ${r.whatToDo}`),
      );
    }
    return box;
  });
  const tracks = document.createElement('div');
  tracks.className = 'tracks';
  tracks.append(line('div', 'answer-title', 'What the reader sees in the first fragment'));
  for (const t of message.tracks ?? []) tracks.append(line('div', 'track', trackText(t)));
  if (message.tracks === null) tracks.append(line('div', 'track', 'Its tracks could not be read.'));
  for (const v of message.verdict.split('\n')) tracks.append(line('div', 'verdict', v));
  root.replaceChildren(line('h3', 'why-title', "Why won't it play?"), ...answers, tracks);
  root.hidden = false;
}
