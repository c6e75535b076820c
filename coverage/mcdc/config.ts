/**
 * Loading the tool's inputs kept in the repository: thresholds.json (per-folder gate) and
 * justifications.yaml (written reasons for conditions no test can cover).
 */

import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Justification, Thresholds } from './report.js';

export function loadThresholds(path: string): Thresholds {
  if (!existsSync(path)) return { folders: {} };
  const j = JSON.parse(readFileSync(path, 'utf8')) as { folders?: Record<string, { uniqueCause?: unknown; masking?: unknown }> };
  const folders: Record<string, { uniqueCause: number; masking: number }> = {};
  for (const [k, v] of Object.entries(j.folders ?? {})) {
    if (typeof v.uniqueCause !== 'number' || typeof v.masking !== 'number') throw new Error(`${path}: folder ${k} needs numeric uniqueCause and masking`);
    folders[k] = { uniqueCause: v.uniqueCause, masking: v.masking };
  }
  return { folders };
}

/** The kinds of reason a justification may give (justifications.yaml explains each). */
export const JUSTIFICATION_CATEGORIES = ['cfi-violation', 'defensive', 'exhaustive-switch', 'implied', 'environment'] as const;

export function parseJustifications(text: string, where: string): Justification[] {
  const data: unknown = parse(text);
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) throw new Error(`${where}: expected a YAML list`);
  return data.map((x: unknown, i): Justification => {
    const o = x as Record<string, unknown>;
    const str = (k: string): string => {
      const v = o[k];
      if (typeof v !== 'string' || v.trim() === '') throw new Error(`${where}: entry ${i + 1} needs a non-empty "${k}"`);
      return v;
    };
    const kinds = o['kinds'];
    if (kinds !== undefined && !(Array.isArray(kinds) && kinds.every((k) => k === 'unique-cause' || k === 'masking'))) throw new Error(`${where}: entry ${i + 1}: kinds must list unique-cause and/or masking`);
    const line = o['line'];
    if (line !== undefined && typeof line !== 'number') throw new Error(`${where}: entry ${i + 1}: line must be a number`);
    const decision = o['decision'];
    if (decision !== undefined && typeof decision !== 'string') throw new Error(`${where}: entry ${i + 1}: decision must be a string`);
    const category = str('category');
    if (!(JUSTIFICATION_CATEGORIES as readonly string[]).includes(category)) {
      throw new Error(`${where}: entry ${i + 1}: category "${category}" is not one of ${JUSTIFICATION_CATEGORIES.join(', ')}`);
    }
    return {
      file: str('file'),
      condition: str('condition'),
      category,
      reason: str('reason'),
      ...(decision !== undefined ? { decision } : {}),
      ...(line !== undefined ? { line } : {}),
      ...(kinds !== undefined ? { kinds: kinds as ('unique-cause' | 'masking')[] } : {}),
    };
  });
}

export function loadJustifications(path: string): Justification[] {
  return existsSync(path) ? parseJustifications(readFileSync(path, 'utf8'), path) : [];
}
