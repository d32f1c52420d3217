import * as vscode from 'vscode';
import { listProfiles, pickActiveProfile, type ProfileInfo } from '../aws/profiles';
import type { ExtensionServices } from '../aws/services';
import type { DemoEndpoint } from './demo-node';
import { regionsToShow } from './regions';
import { StreamListings } from './stream-listings';

const SECTION = 'kvsInspector';
const regionsKey = (profile: string): string => `kvsInspector.regions.${profile}`;

/** The explorer's state: profiles from the shared files, the active one, regions per profile, loaded streams. */
export class ExplorerModel {
  readonly listings: StreamListings;
  /** The running demo streams (a "Demo (local)" root), if started. */
  demo: DemoEndpoint | undefined;
  private profiles: ProfileInfo[] = [];

  constructor(
    readonly services: ExtensionServices,
    private readonly memento: vscode.Memento,
  ) {
    this.listings = new StreamListings(services);
  }

  /** Reads the shared config and credentials files again (they change while VS Code runs). */
  async loadProfiles(): Promise<ProfileInfo[]> {
    this.profiles = await listProfiles();
    return this.profiles;
  }

  knownProfiles(): readonly ProfileInfo[] {
    return this.profiles;
  }

  activeProfile(): string | undefined {
    return pickActiveProfile(this.profiles, this.setting<string>('profile'));
  }

  async setActiveProfile(name: string): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('profile', name, vscode.ConfigurationTarget.Global);
  }

  /** Regions the user added to this profile with "Show or Hide Regions". */
  addedRegions(profile: string): string[] {
    return this.memento.get<string[]>(regionsKey(profile), []);
  }

  async setAddedRegions(profile: string, regions: string[]): Promise<void> {
    await this.memento.update(regionsKey(profile), regions);
  }

  regionsFor(profile: ProfileInfo): string[] {
    return regionsToShow(profile.region, this.addedRegions(profile.name), this.setting<string[]>('regions') ?? []);
  }

  endpoint(): string | undefined {
    return this.services.endpointOverride();
  }

  /** Forgets loaded streams and clients so that the next look reads profiles and credentials afresh. */
  reset(): void {
    this.listings.forget();
  }

  private setting<T>(name: string): T | undefined {
    return vscode.workspace.getConfiguration(SECTION).get<T>(name);
  }
}
