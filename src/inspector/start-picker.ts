import * as vscode from 'vscode';
import type { AwsTarget, StreamRef } from '../aws/client-factory';
import { listProfiles } from '../aws/profiles';
import {
  parseDateTime,
  validateFragmentNumber,
  validateToken,
  type StartChoice,
  type StartChoiceType,
} from '../aws/media-session/start-selector';

interface SelectorItem extends vscode.QuickPickItem {
  type: StartChoiceType;
}

const ITEMS: SelectorItem[] = [
  { type: 'NOW', label: 'NOW', description: 'only fragments that arrive from now on' },
  { type: 'EARLIEST', label: 'EARLIEST', description: 'the oldest fragment still retained' },
  { type: 'FRAGMENT_NUMBER', label: 'FRAGMENT_NUMBER', description: 'starting at a fragment number' },
  { type: 'SERVER_TIMESTAMP', label: 'SERVER_TIMESTAMP', description: 'from a time the service received the data' },
  { type: 'PRODUCER_TIMESTAMP', label: 'PRODUCER_TIMESTAMP', description: 'from a time the producer stamped' },
  {
    type: 'CONTINUATION_TOKEN',
    label: 'CONTINUATION_TOKEN',
    description: 'continue after a token (from a chunk or pasted)',
  },
];

/** Asks where GetMedia starts, with every value validated before the call; undefined when the user cancels. */
export async function pickStart(streamName: string): Promise<StartChoice | undefined> {
  const picked = await vscode.window.showQuickPick(ITEMS, {
    title: `Inspect ${streamName}: where should GetMedia start?`,
    placeHolder: 'StartSelector',
  });
  if (!picked) return undefined;
  switch (picked.type) {
    case 'NOW':
    case 'EARLIEST':
      return { type: picked.type };
    case 'FRAGMENT_NUMBER': {
      const value = await vscode.window.showInputBox({
        title: 'Start at fragment number',
        prompt: 'The decimal fragment number (up to 128 digits)',
        validateInput: (t) => validateFragmentNumber(t),
      });
      return value === undefined ? undefined : { type: 'FRAGMENT_NUMBER', afterFragmentNumber: value.trim() };
    }
    case 'SERVER_TIMESTAMP':
    case 'PRODUCER_TIMESTAMP': {
      const value = await vscode.window.showInputBox({
        title: `${picked.type}: start time`,
        prompt:
          'UTC: 2026-11-27T03:00:00Z · with offset: 2026-11-27T05:00:00+02:00 · local: 2026-11-27 04:00:00 · or epoch seconds',
        validateInput: (t) => {
          const r = parseDateTime(t);
          return 'error' in r ? r.error : null;
        },
      });
      if (value === undefined) return undefined;
      const parsed = parseDateTime(value);
      return 'ms' in parsed ? { type: picked.type, startMs: parsed.ms } : undefined;
    }
    case 'CONTINUATION_TOKEN': {
      const clip = (await vscode.env.clipboard.readText()).trim();
      const value = await vscode.window.showInputBox({
        title: 'Continue after continuation token',
        value: validateToken(clip) === null ? clip : '',
        prompt: 'Paste a token (the inspector\'s "Copy token" puts one on the clipboard)',
        validateInput: (t) => validateToken(t),
      });
      return value === undefined ? undefined : { type: 'CONTINUATION_TOKEN', token: value.trim() };
    }
  }
}

const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,256}$/;

/** With no stream from the tree: profile, region and stream name, asked in turn. */
export async function askStream(endpoint: string | undefined): Promise<StreamRef | undefined> {
  const profiles = await listProfiles().catch(() => []);
  let profile: string | undefined;
  let region: string | undefined;
  if (profiles.length) {
    const pick = await vscode.window.showQuickPick(
      profiles.map((p) => ({ label: p.name, description: p.region ?? '', profile: p })),
      { title: 'Inspect a stream: AWS profile' },
    );
    if (!pick) return undefined;
    profile = pick.profile.name;
    region = pick.profile.region;
  } else {
    profile = await vscode.window.showInputBox({
      title: 'Inspect a stream: AWS profile',
      value: 'default',
      validateInput: (t) => (t.trim() ? null : 'A profile name is needed.'),
    });
    if (profile === undefined) return undefined;
  }
  region = await vscode.window.showInputBox({
    title: 'Region',
    value: region ?? 'us-east-1',
    validateInput: (t) => (/^[a-z]{2}(-[a-z]+)+-\d$/.test(t.trim()) ? null : 'A region looks like us-east-1.'),
  });
  if (region === undefined) return undefined;
  const streamName = await vscode.window.showInputBox({
    title: 'Stream name',
    validateInput: (t) =>
      STREAM_NAME.test(t.trim()) ? null : 'A stream name is 1 to 256 letters, digits, "_", "." or "-".',
  });
  if (streamName === undefined) return undefined;
  const target: AwsTarget = { profile: profile.trim(), region: region.trim(), ...(endpoint ? { endpoint } : {}) };
  return { target, streamName: streamName.trim() };
}
