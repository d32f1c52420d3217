import type { Locator, Page } from 'playwright-core';

/** What every journey step gets: the page on a workbench with the packaged extension installed, and kvs-local. */
interface JourneyContext {
  page: Page;
  /** code-server's URL with the workspace folder opened. */
  workbenchUrl: string;
  kvsUrl: string;
  /** The AWS config/credentials files the workbench's extension host reads (profile kvs-local), as env vars. */
  awsEnv: Record<string, string>;
  log(message: string): void;
}

interface JourneyStep {
  name: string;
  run(ctx: JourneyContext): Promise<void>;
  /** `npm run screenshots` keeps this step's screenshot as docs/images/<image> (the docs' pictures). */
  image?: string;
}

/** A user journey: steps in order, a screenshot after each; the first failing step ends the journey. */
export interface Journey {
  name: string;
  /** 'no-aws': a workbench of its own whose extension host finds no AWS profile or credentials at all. */
  workbench?: 'no-aws';
  /** The browser window's size; 1400x900 when not given. */
  viewport?: { width: number; height: number };
  steps: JourneyStep[];
}

/** Scrolls the view under `container` until `target` is rendered (VS Code's trees render only visible rows). */
export async function scrollIntoView(page: Page, container: Locator, target: Locator, maxScrolls = 60): Promise<void> {
  for (let i = 0; i < maxScrolls; i++) {
    if ((await target.count()) > 0 && (await target.first().isVisible())) return;
    await container.hover();
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(100);
  }
  await target.first().waitFor({ state: 'visible', timeout: 1000 });
}
