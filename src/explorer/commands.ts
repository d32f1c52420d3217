import * as vscode from 'vscode';
import { ENV_PROFILE, streamRefOf } from '../aws/client-factory';
import type { ProfileInfo } from '../aws/profiles';
import { CommandId } from '../command-ids';
import type { ExplorerModel } from './explorer-model';
import { profileNameOf, regionNodeOf } from './node-args';
import { LOAD_MORE_COMMAND } from './region-node';
import { KVS_REGIONS } from './regions';
import type { StreamsTreeProvider } from './streams-provider';

export interface ExplorerCommandContext {
  model: ExplorerModel;
  provider: StreamsTreeProvider;
  /** Drops cached clients and credentials, then redraws everything. */
  refreshAll(): void;
}

/** The explorer's commands (Inspect belongs to the inspector). Each returns what it did, for tests. */
export function registerExplorerCommands(ctx: ExplorerCommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(CommandId.refresh, (arg?: unknown) => refresh(ctx, arg)),
    vscode.commands.registerCommand(CommandId.copyStreamName, (arg?: unknown) => copyFromStream(arg, 'name')),
    vscode.commands.registerCommand(CommandId.copyStreamArn, (arg?: unknown) => copyFromStream(arg, 'arn')),
    vscode.commands.registerCommand(LOAD_MORE_COMMAND, (arg?: unknown) => loadMore(ctx, arg)),
    vscode.commands.registerCommand(CommandId.filterStreams, (arg?: unknown, prefix?: string) =>
      filterStreams(ctx, arg, prefix),
    ),
    vscode.commands.registerCommand(CommandId.switchProfile, (arg?: unknown) => switchProfile(ctx.model, arg)),
    vscode.commands.registerCommand(CommandId.showOrHideRegions, (arg?: unknown, regions?: string[]) =>
      showOrHideRegions(ctx, arg, regions),
    ),
  ];
}

/** On a region: that region's listing again; anywhere else: everything, clients and credentials included. */
function refresh(ctx: ExplorerCommandContext, arg: unknown): void {
  const region = regionNodeOf(arg);
  if (!region) return ctx.refreshAll();
  ctx.model.listings.forget(region.target);
  ctx.provider.refresh(region);
}

async function copyFromStream(arg: unknown, what: 'name' | 'arn'): Promise<string | undefined> {
  const ref = streamRefOf(arg);
  const text = what === 'name' ? ref?.streamName : ref?.streamArn;
  if (!text) {
    void vscode.window.showWarningMessage(
      `Copy ${what === 'name' ? 'Name' : 'ARN'}: choose a stream in the Kinesis Video explorer.`,
    );
    return undefined;
  }
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
  return text;
}

async function loadMore({ model, provider }: ExplorerCommandContext, arg: unknown): Promise<void> {
  const region = regionNodeOf(arg);
  if (!region) return;
  await model.listings.loadMore(region.target);
  provider.refresh(region);
}

async function filterStreams(
  { model, provider }: ExplorerCommandContext,
  arg: unknown,
  prefixFromCaller: string | undefined,
): Promise<void> {
  const region = regionNodeOf(arg);
  if (!region) {
    void vscode.window.showInformationMessage(
      'Filter Streams: use the filter button on a region in the Kinesis Video explorer.',
    );
    return;
  }
  const prefix =
    prefixFromCaller ??
    (await vscode.window.showInputBox({
      title: `Filter streams in ${region.target.region}`,
      prompt: 'Show streams whose name begins with (empty: show all)',
      value: model.listings.filterOf(region.target) ?? '',
      validateInput: (v) =>
        /^[a-zA-Z0-9_.-]*$/.test(v.trim()) ? undefined : 'Stream names use only a-z, A-Z, 0-9, _ . -',
    }));
  if (prefix === undefined) return;
  model.listings.setFilter(region.target, prefix);
  provider.refresh(region);
}

async function switchProfile(model: ExplorerModel, arg: unknown): Promise<string | undefined> {
  const name = profileNameOf(arg) || (await pickProfile(model));
  if (!name) return undefined;
  await model.setActiveProfile(name); // the configuration listener refreshes tree and status bar
  return name;
}

async function pickProfile(model: ExplorerModel): Promise<string | undefined> {
  const profiles = await model.loadProfiles();
  const active = model.activeProfile();
  const picked = await vscode.window.showQuickPick(
    profiles.map((p) => ({
      label: p.name === ENV_PROFILE ? 'Environment credentials' : p.name,
      name: p.name,
      description: [p.name === active ? 'active' : '', p.region ?? ''].filter(Boolean).join(' · '),
    })),
    { title: 'Switch AWS profile for Kinesis Video Streams', placeHolder: 'Profile' },
  );
  return picked?.name;
}

async function showOrHideRegions(
  { model, provider }: ExplorerCommandContext,
  arg: unknown,
  regionsFromCaller: string[] | undefined,
): Promise<void> {
  const name = profileNameOf(arg) ?? model.activeProfile();
  const profile = model.knownProfiles().find((p) => p.name === name);
  if (!name || !profile) return;
  const chosen = regionsFromCaller ?? (await pickRegions(model, profile));
  if (!chosen) return;
  await model.setAddedRegions(name, chosen);
  provider.refresh();
}

async function pickRegions(model: ExplorerModel, profile: ProfileInfo): Promise<string[] | undefined> {
  const shown = new Set(model.regionsFor(profile));
  const picked = await vscode.window.showQuickPick(
    KVS_REGIONS.filter((r) => r !== profile.region).map((r) => ({ label: r, picked: shown.has(r) })),
    {
      title: `Regions shown for ${profile.name}`,
      canPickMany: true,
      placeHolder: profile.region ? `${profile.region} (the profile's region) is always shown` : undefined,
    },
  );
  return picked?.map((p) => p.label);
}
