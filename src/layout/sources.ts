/** What an adapter reads from a workbook, and which profile scores it — below both the workflow and provenance. */
import { DEFAULT_PROFILE, type Profile } from '../engine/profile';
import type { InputIssue } from '../engine/types';
import type { Grid } from './grid';
import { readProfileSheet } from './profileSheet';

export interface WorkbookSources {
  data: Grid | null;
  profile: Grid | null;
  /** Defined names that point into 基础数据表: field id → cell. */
  names: Map<string, { row: number; col: number }>;
}

/** Which profile scores the workbook: an explicit one, else its 指标体系 sheet, else the default. */
export function profileFor(sources: WorkbookSources, explicit?: Profile): { profile: Profile; errors: InputIssue[]; warnings: InputIssue[] } {
  if (explicit) return { profile: explicit, errors: [], warnings: [] };
  if (!sources.profile) return { profile: DEFAULT_PROFILE, errors: [], warnings: [] };
  return readProfileSheet(sources.profile, DEFAULT_PROFILE);
}
