import * as vscode from 'vscode';
import { DEMO_PROFILE } from '../aws/client-factory';
import type { FixedCredentials } from '../aws/credentials';
import type { LogSink } from '../aws/services';
import { CommandId, ContextKey, ViewId } from '../command-ids';
import type { DemoServer, startDemoServer } from './demo-server';

/** kvs-local loads on the first start, never at activation. */
const loadServer = async (): Promise<{ startDemoServer: typeof startDemoServer }> => import('./demo-server.js');

/** The demo streams as the rest of the extension sees them. */
export interface DemoApi {
  /** The key pair of the running demo for DEMO_PROFILE; undefined for every other profile. */
  readonly fixedCredentials: FixedCredentials;
  readonly onDidChange: vscode.Event<DemoServer | undefined>;
  current(): DemoServer | undefined;
  start(): Promise<DemoServer>;
  stop(): Promise<void>;
}

/**
 * "Start Demo Streams (no AWS needed)" and "Stop Demo Streams": kvs-local inside the extension host, seeded from
 * the captures in media/demo/. Stopped by the command, and by dispose() when VS Code closes or the extension
 * is deactivated: no listener and no file is left behind.
 */
export function registerDemo(context: vscode.ExtensionContext, log: LogSink): DemoApi {
  const changed = new vscode.EventEmitter<DemoServer | undefined>();
  let server: DemoServer | undefined;
  let starting: Promise<DemoServer> | undefined;

  const announce = (next: DemoServer | undefined): void => {
    server = next;
    void vscode.commands.executeCommand('setContext', ContextKey.demoRunning, next !== undefined);
    changed.fire(next);
  };
  const start = (): Promise<DemoServer> => {
    if (server) return Promise.resolve(server);
    starting ??= loadServer()
      .then(({ startDemoServer }) => startDemoServer(context.asAbsolutePath('media/demo'), (line) => log.info(line)))
      .then((started) => {
        log.info(`Demo streams started: kvs-local on ${started.url} (${started.streamNames.join(', ')})`);
        announce(started);
        return started;
      })
      .finally(() => {
        starting = undefined;
      });
    return starting;
  };
  const stop = async (): Promise<void> => {
    const running = server ?? (await starting?.catch(() => undefined));
    if (!running) return;
    announce(undefined);
    await running.close();
    log.info(`Demo streams stopped: nothing listens on port ${running.port} any more`);
  };

  context.subscriptions.push(
    changed,
    vscode.commands.registerCommand(CommandId.startDemoStreams, async () => {
      try {
        const started = await start();
        await vscode.commands.executeCommand(`${ViewId.streams}.focus`);
        return started.url;
      } catch (error) {
        log.error(`Starting the demo streams failed: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage(
          `KVS Inspector could not start the demo streams: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      }
    }),
    vscode.commands.registerCommand(CommandId.stopDemoStreams, () => stop()),
    // Closing VS Code: the listener closes at once (its sockets are destroyed), before the host exits.
    { dispose: () => void stop() },
  );

  return {
    fixedCredentials: (profile) => (profile === DEMO_PROFILE ? server?.credential : undefined),
    onDidChange: changed.event,
    current: () => server,
    start,
    stop,
  };
}
