/**
 * Which sheets are ours, and what writing some sheet plans may do to a workbook — one rule for
 * both adapters. A sheet is ours when the workbook-scoped marker name of its plan (MARKERS in
 * plan.ts) refers to it; anything else with the same name is the user's and is never overwritten.
 * Pure: it works on a snapshot, so every check is done before the first write.
 */
import { MARKERS, sheetCell, type SheetPlan } from './plan';

/** A defined name as read from a workbook: what it refers to, and the single cell if it is one. */
export interface NameRef {
  /** As Excel shows it (`=基础数据表!$C$18`, `=#REF!$C$18`). */
  formula: string;
  target: { sheet: string; row: number; col: number } | null;
}

/** What the ownership rules need to know of a workbook. */
export interface OwnershipSnapshot {
  sheetNames: string[];
  names: Map<string, NameRef>;
}

/** Why nothing was written: a sheet of the user's carries a name we need. */
export function sheetConflictMessage(sheet: string): string {
  return `工作簿中已有名为“${sheet}”的工作表，且不是本工具生成的。为避免覆盖您的数据，未写入任何内容；请将该表改名后重试。`;
}

/** Why nothing was written: a defined name of the user's has the name of one of ours. */
export function nameConflictMessage(name: string, refersTo: string): string {
  return `工作簿中已有名称“${name}”（引用 ${refersTo}），与本工具要定义的名称相同。为避免改动您的数据，未写入任何内容；请删除或重命名该名称后重试。`;
}

export type SheetWrites =
  | {
      ok: true;
      /** Plans to render, in order. */
      add: SheetPlan[];
      /** Sheets of ours that already exist and are left as they are. */
      kept: string[];
      /** Sheets of ours to delete first (they are re-added from `add`). */
      dropSheets: string[];
      /** Names to delete first: ours, stale (`#REF!`) or about to be defined again. */
      dropNames: string[];
    }
  | { ok: false; message: string };

/** True when the sheet's marker name refers to it, i.e. this product created it. */
export function isOurSheet(snapshot: Pick<OwnershipSnapshot, 'names'>, sheet: string, marker: string): boolean {
  return snapshot.names.get(marker)?.target?.sheet === sheet;
}

/**
 * `existing: 'replace'` (score): our old sheets are deleted and drawn again.
 * `existing: 'keep'` (template): our sheets stay untouched, only missing ones are added.
 * Either way a sheet of the user's with one of our names stops everything.
 */
export function planSheetWrites(snapshot: OwnershipSnapshot, plans: SheetPlan[], existing: 'replace' | 'keep'): SheetWrites {
  const present = new Set(snapshot.sheetNames);
  const add: SheetPlan[] = [];
  const kept: string[] = [];
  const dropSheets: string[] = [];
  for (const plan of plans) {
    if (!present.has(plan.name)) add.push(plan);
    else if (!isOurSheet(snapshot, plan.name, plan.marker)) return { ok: false, message: sheetConflictMessage(plan.name) };
    else if (existing === 'keep') kept.push(plan.name);
    else {
      dropSheets.push(plan.name);
      add.push(plan);
    }
  }

  // A name we are about to define may already exist: left behind by a deleted sheet, or on one of
  // our sheets the user renamed. Those we move; a name on a sheet of the user's we never touch.
  const ourSheets = new Set([...add.map((p) => p.name), ...markedSheets(snapshot, plans)]);
  const dropNames: string[] = [];
  for (const plan of add) {
    for (const name of [plan.marker, ...plan.names.map((n) => n.name)]) {
      const old = snapshot.names.get(name);
      if (!old) continue;
      if (name !== plan.marker && !isStale(old, present) && !ourSheets.has(old.target?.sheet ?? '')) {
        return { ok: false, message: nameConflictMessage(name, describe(old)) };
      }
      dropNames.push(name);
    }
  }
  return { ok: true, add, kept, dropSheets, dropNames };
}

/** Sheets (under any name now) that carry one of our markers. */
function markedSheets(snapshot: OwnershipSnapshot, plans: SheetPlan[]): string[] {
  const markers = new Set<string>([...Object.values(MARKERS), ...plans.map((p) => p.marker)]);
  return [...markers].flatMap((m) => snapshot.names.get(m)?.target?.sheet ?? []);
}

/** Refers to a sheet that no longer exists (`#REF!`), so nothing of the user's is lost with it. */
function isStale(name: NameRef, present: Set<string>): boolean {
  return name.target ? !present.has(name.target.sheet) : name.formula.includes('#REF!');
}

function describe(name: NameRef): string {
  return name.target ? sheetCell(name.target.sheet, name.target.row, name.target.col) : name.formula;
}
