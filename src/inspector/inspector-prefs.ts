import * as vscode from 'vscode';
import { RULE_COLORS, type ColorRule, type RuleColor } from '../protocol';

const RECENT_KEY = 'kvsInspector.recentFilters';
const RECENT_MAX = 12;
const MAX_FILTER_LENGTH = 2000;

/** What an inspector keeps outside itself: the workspace's recent filters and the colouring rules setting. */
export interface InspectorPrefs {
  recentFilters(): string[];
  rememberFilter(text: string): void;
  colorRules(): ColorRule[];
}

export function workspacePrefs(state: vscode.Memento): InspectorPrefs {
  return {
    recentFilters: () => readRecent(state),
    rememberFilter: (text) => {
      if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_FILTER_LENGTH) return;
      const next = [text.trim(), ...readRecent(state).filter((f) => f !== text.trim())].slice(0, RECENT_MAX);
      void state.update(RECENT_KEY, next);
    },
    colorRules: () => readColorRules(vscode.workspace.getConfiguration('kvsInspector').get<unknown>('colorRules')),
  };
}

function readRecent(state: vscode.Memento): string[] {
  const value = state.get<unknown>(RECENT_KEY);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, RECENT_MAX) : [];
}

/** The setting as the user wrote it, keeping only well-formed rules (a bad filter is reported by the webview). */
function readColorRules(value: unknown): ColorRule[] {
  if (!Array.isArray(value)) return [];
  const rules: ColorRule[] = [];
  for (const item of value.slice(0, 32)) {
    const rule = item as { filter?: unknown; color?: unknown };
    if (typeof rule?.filter !== 'string' || rule.filter.length > MAX_FILTER_LENGTH) continue;
    if (!RULE_COLORS.includes(rule.color as RuleColor)) continue;
    rules.push({ filter: rule.filter, color: rule.color as RuleColor });
  }
  return rules;
}
