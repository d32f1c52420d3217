import * as vscode from 'vscode';
import { findExecutable, ssoCacheDir, watchForChange, type DirectoryWatch } from '../aws/sso-session';
import { CommandId } from '../command-ids';
import { ErrorNode } from './error-node';

const CLI_INSTALL_URL = 'https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html';

/** What "Sign in" did, for tests: the terminal it opened, or that the AWS CLI is missing. */
type SignInResult = { opened: 'terminal'; cli: string } | { opened: 'install-advice' } | undefined;

function profileOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  return arg instanceof ErrorNode ? arg.signInProfile : undefined;
}

/**
 * "Sign in" on an expired or missing SSO session: a terminal running `aws sso login --profile NAME` (the CLI
 * itself as the terminal's process: no shell, so the profile name is never parsed as shell text), then the tree
 * refreshes by itself when a token lands in ~/.aws/sso/cache.
 */
export function registerSignIn(refreshAll: () => void, log: (line: string) => void): vscode.Disposable[] {
  let watch: DirectoryWatch | undefined;
  const command = vscode.commands.registerCommand(CommandId.signIn, async (arg?: unknown): Promise<SignInResult> => {
    const profile = profileOf(arg);
    if (!profile) return undefined;
    const cli = await findExecutable('aws');
    if (!cli) {
      log(`Sign in for ${profile}: the AWS CLI (aws) is not on PATH`);
      const open = 'Open the install guide';
      void vscode.window
        .showWarningMessage(
          `Signing in to AWS IAM Identity Center (SSO) needs the AWS CLI v2. Install it, then run "aws sso login --profile ${profile}" and Refresh.`,
          open,
        )
        .then((choice) => choice === open && vscode.env.openExternal(vscode.Uri.parse(CLI_INSTALL_URL)));
      return { opened: 'install-advice' };
    }
    const terminal = vscode.window.createTerminal({
      name: `AWS sign-in: ${profile}`,
      shellPath: cli,
      shellArgs: ['sso', 'login', '--profile', profile],
    });
    terminal.show();
    log(`Sign in for ${profile}: running aws sso login --profile ${profile} in a terminal`);
    watch?.dispose();
    watch = watchForChange(ssoCacheDir(), () => {
      log(`A new SSO token was written to ${ssoCacheDir()}: refreshing the Streams view`);
      refreshAll();
    });
    return { opened: 'terminal', cli };
  });
  return [command, { dispose: () => watch?.dispose() }];
}
