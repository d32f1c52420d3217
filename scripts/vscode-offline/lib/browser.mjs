import { chromium } from 'playwright-core';

/** Debian's chromium (setup.sh installs it); KVS_CHROMIUM points elsewhere. */
export const chromiumPath = process.env.KVS_CHROMIUM ?? '/usr/bin/chromium';

// playwright-core already passes --headless, --no-sandbox, --no-first-run, --disable-background-networking,
// --disable-component-update, --disable-sync and --disable-dev-shm-usage (its chromiumSwitches); only what it
// leaves out is listed here.
const ARGS = [
  // No GPU on these machines or in CI: software compositing from the start, with no GPU process to fail over.
  '--disable-gpu',
];

/**
 * Debian's chromium driven by playwright-core; nothing is downloaded. `extraArgs` are for one caller's needs
 * (the toolkit bench's --enable-precise-memory-info).
 */
export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: chromiumPath, args: [...ARGS, ...extraArgs] });
}
