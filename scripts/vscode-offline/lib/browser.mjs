import { chromium } from 'playwright-core';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Debian's chromium driven by playwright-core; nothing is downloaded. */
export function launchChromium() {
  return chromium.launch({ executablePath: process.env.KVS_CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
}
