import * as vscode from 'vscode';
import { ENV_PROFILE, streamRefOf } from '../aws/client-factory';
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
  const { model, provider } = ctx;
  const copy = async (arg: unknown, what: 'name' | 'arn'): Promise<string | undefined> => {
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
  };

  return [
    vscode.commands.registerCommand(CommandId.refresh, (arg?: unknown) => {
      const region = regionNodeOf(arg);
      if (region) {
        model.listings.forget(region.target);
        provider.refresh(region);
      } else {
        ctx.refreshAll();
      }
    }),
    vscode.commands.registerCommand(CommandId.copyStreamName, (arg?: unknown) => copy(arg, 'name')),
    vscode.commands.registerCommand(CommandId.copyStreamArn, (arg?: unknown) => copy(arg, 'arn')),
    vscode.commands.registerCommand(LOAD_MORE_COMMAND, async (arg?: unknown) => {
      const region = regionNodeOf(arg);
      if (!region) return;
      await model.listings.loadMore(region.target);
      provider.refresh(region);
    }),
    vscode.commands.registerCommand(CommandId.filterStreams, async (arg?: unknown, prefixFromCaller?: string) => {
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
    }),
    vscode.commands.registerCommand(CommandId.switchProfile, async (arg?: unknown) => {
      let name = profileNameOf(arg);
      if (!name) {
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
        name = picked?.name;
      }
      if (!name) return;
      await model.setActiveProfile(name); // the configuration listener refreshes tree and status bar
      return name;
    }),
    vscode.commands.registerCommand(
      CommandId.showOrHideRegions,
      async (arg?: unknown, regionsFromCaller?: string[]) => {
        const name = profileNameOf(arg) ?? model.activeProfile();
        const profile = model.knownProfiles().find((p) => p.name === name);
        if (!name || !profile) return;
        let chosen = regionsFromCaller;
        if (!chosen) {
          const shown = new Set(model.regionsFor(profile));
          const picked = await vscode.window.showQuickPick(
            KVS_REGIONS.filter((r) => r !== profile.region).map((r) => ({ label: r, picked: shown.has(r) })),
            {
              title: `Regions shown for ${name}`,
              canPickMany: true,
              placeHolder: profile.region ? `${profile.region} (the profile's region) is always shown` : undefined,
            },
          );
          chosen = picked?.map((p) => p.label);
        }
        if (!chosen) return;
        await model.setAddedRegions(name, chosen);
        provider.refresh();
      },
    ),
  ];
}
