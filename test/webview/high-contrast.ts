/// <reference lib="dom" />
import type { Page } from 'playwright-core';

/**
 * VS Code's High Contrast themes as a webview receives them: the body classes and the --vscode-* variables the
 * inspector's CSS uses, with the values of VS Code's color registry (hcDark, hcLight). Variables the themes leave
 * unset (list selection and hover backgrounds) stay unset, as in VS Code.
 */
export const HIGH_CONTRAST = {
  dark: {
    classes: ['vscode-high-contrast'],
    vars: {
      foreground: '#ffffff',
      descriptionForeground: 'rgba(255, 255, 255, 0.7)',
      errorForeground: '#f48771',
      'editor-background': '#000000',
      'editorWarning-foreground': '#ffd370',
      'textLink-foreground': '#21a6ff',
      focusBorder: '#f38518',
      contrastBorder: '#6fc3df',
      contrastActiveBorder: '#f38518',
      'inputValidation-errorBackground': '#000000',
      'inputValidation-warningBackground': '#000000',
      'inputValidation-infoBackground': '#000000',
      'badge-background': '#000000',
      'badge-foreground': '#ffffff',
      'editorWidget-background': '#0c141f',
      'textCodeBlock-background': '#000000',
      'notifications-background': '#0c141f',
      'notifications-foreground': '#ffffff',
      'testing-iconPassed': '#73c991',
      'progressBar-background': '#6fc3df',
      'symbolIcon-constantForeground': '#ffffff',
    },
  },
  light: {
    classes: ['vscode-high-contrast', 'vscode-high-contrast-light'],
    vars: {
      foreground: '#292929',
      descriptionForeground: 'rgba(41, 41, 41, 0.7)',
      errorForeground: '#b5200d',
      'editor-background': '#ffffff',
      'editorWarning-foreground': '#895503',
      'textLink-foreground': '#0f4a85',
      focusBorder: '#006bbd',
      contrastBorder: '#0f4a85',
      contrastActiveBorder: '#006bbd',
      'inputValidation-errorBackground': '#ffffff',
      'inputValidation-warningBackground': '#ffffff',
      'inputValidation-infoBackground': '#ffffff',
      'badge-background': '#0f4a85',
      'badge-foreground': '#ffffff',
      'editorWidget-background': '#ffffff',
      'textCodeBlock-background': '#ffffff',
      'notifications-background': '#ffffff',
      'notifications-foreground': '#292929',
      'testing-iconPassed': '#388a34',
      'progressBar-background': '#0f4a85',
      'symbolIcon-constantForeground': '#292929',
    },
  },
} as const;

export async function applyTheme(page: Page, theme: keyof typeof HIGH_CONTRAST): Promise<void> {
  const { classes, vars } = HIGH_CONTRAST[theme];
  await page.evaluate(
    ({ classes, vars }) => {
      document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast-light');
      document.body.classList.add(...classes);
      for (const [name, value] of Object.entries(vars))
        document.documentElement.style.setProperty(`--vscode-${name}`, value);
    },
    { classes: [...classes], vars: { ...vars } },
  );
}

export interface ContrastFailure {
  element: string;
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * Every element showing its own text, laid out and on screen: the WCAG contrast ratio of its color over the
 * background it is painted on (semi-transparent layers composited up to the page). Returns those under `min`.
 */
export function contrastFailures(page: Page, min: number): Promise<ContrastFailure[]> {
  return page.evaluate((minimum) => {
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0], p[1], p[2], p[3] ?? 1];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number): number => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const backgroundOf = (el: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      // The page under everything: the editor background VS Code gives the webview.
      let color = parse(getComputedStyle(document.body).backgroundColor);
      if (color[3] < 1) color = [255, 255, 255, 1];
      for (const layer of layers.reverse()) color = over(layer, color);
      return color;
    };
    const luminance = ([r, g, b]: Rgba): number => {
      const lin = (c: number): number => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const failures: ContrastFailure[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const ownText = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      // WCAG 1.4.3 exempts text of inactive controls (a disabled Resume).
      if (!ownText || el.closest('[disabled], [aria-disabled="true"]')) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      if (box.bottom < 0 || box.top > innerHeight) continue;
      const background = backgroundOf(el);
      let opacity = 1;
      for (let e: HTMLElement | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const fg = parse(style.color);
      const color = over([fg[0], fg[1], fg[2], fg[3] * opacity], background);
      const [l1, l2] = [luminance(color), luminance(background)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      if (ratio < minimum)
        failures.push({
          element: `${el.tagName.toLowerCase()}.${el.className}`,
          text: ownText.slice(0, 40),
          ratio: Math.round(ratio * 100) / 100,
          color: `rgb(${color.slice(0, 3).map(Math.round).join(',')})`,
          background: `rgb(${background.slice(0, 3).map(Math.round).join(',')})`,
        });
    }
    return failures;
  }, min);
}
