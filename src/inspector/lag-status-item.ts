import * as vscode from 'vscode';
import { LagWatchModel, type LagWatchSettings, type WatchedInspector } from './lag-watch-model';

const REVEAL_INSPECTOR_COMMAND = 'kvsInspector.revealWatchedInspector';
const TICK_MS = 1000;

export interface WatchTarget extends WatchedInspector {
  reveal(): void;
}

function readLagWatchSettings(): LagWatchSettings {
  const c = vscode.workspace.getConfiguration('kvsInspector');
  const positive = (key: string, fallback: number): number => {
    const v = c.get<number>(key, fallback);
    return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    lagWarningMs: positive('lagWarningMs', 5000),
    stallWarningMs: positive('stallWarningMs', 10_000),
    notify: c.get<boolean>('lagNotifications', true) !== false,
  };
}

/** The status bar item for the focused (or most recently opened) live inspector: stream, lag, chunks/s, state. */
export class LagStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('kvsInspector.lag', vscode.StatusBarAlignment.Left, 49);
  private readonly model: LagWatchModel;
  private readonly timer: NodeJS.Timeout;
  private readonly command: vscode.Disposable;
  private target: WatchTarget | null = null;
  /** Notifications shown (tests read them). */
  readonly notifications: string[] = [];

  constructor(settings: () => LagWatchSettings = readLagWatchSettings, now: () => number = Date.now) {
    this.model = new LagWatchModel(settings, now);
    this.item.name = 'KVS Inspector lag watch';
    this.item.command = REVEAL_INSPECTOR_COMMAND;
    this.command = vscode.commands.registerCommand(REVEAL_INSPECTOR_COMMAND, () => this.target?.reveal());
    this.timer = setInterval(() => this.update(), TICK_MS);
  }

  /** Watches `target` (null: nothing live to watch; the item hides). */
  watch(target: WatchTarget | null): void {
    this.target = target;
    this.update();
  }

  get watching(): WatchTarget | null {
    return this.target;
  }

  get text(): string {
    return this.item.text;
  }
  get warning(): boolean {
    return this.item.backgroundColor !== undefined;
  }

  update(): void {
    const reading = this.model.read(this.target);
    if (!reading) {
      this.item.hide();
      return;
    }
    this.item.text = reading.text;
    this.item.tooltip = reading.tooltip;
    this.item.backgroundColor = reading.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    if (reading.notification) {
      this.notifications.push(reading.notification);
      void vscode.window.showWarningMessage(reading.notification, 'Show Inspector').then((choice) => {
        if (choice) this.target?.reveal();
      });
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.command.dispose();
    this.item.dispose();
  }
}
