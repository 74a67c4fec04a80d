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

/** Why nothing was written: the officer renamed one of our template sheets; it is still there, under its new name. */
export function renamedSheetMessage(sheet: string, now: string): string {
  return `本工具插入的“${sheet}”已改名为“${now}”，模板就在该表中，因此未再插入新的模板，也未改动任何名称。如需用本工具校验和评分，请将它改回“${sheet}”。`;
}

/**
 * Our sheets the officer renamed: the plan's marker refers to an existing sheet of another name,
 * and no sheet has the plan's name. Inserting the template again there would make a second one and
 * move the first one's names to a blank sheet, so the adapters stop and say where it is.
 */
export function renamedSheets(snapshot: OwnershipSnapshot, plans: SheetPlan[]): { sheet: string; now: string }[] {
  const present = new Set(snapshot.sheetNames);
  return plans.flatMap((plan) => {
    const now = snapshot.names.get(plan.marker)?.target?.sheet;
    return now && now !== plan.name && present.has(now) && !present.has(plan.name) ? [{ sheet: plan.name, now }] : [];
  });
}

/** A workbook-scoped name to (re)define at one cell. */
export interface NameDefinition {
  name: string;
  sheet: string;
  row: number;
  col: number;
}

export type SheetWrites =
  | {
      ok: true;
      /** Plans of sheets that do not exist yet: added, in order. */
      add: SheetPlan[];
      /**
       * Plans of sheets of ours that exist: cleared (contents, formats, merges) and drawn again in
       * place. Never deleted and re-added, so the officer's formulas that point at them (`=评分表!F22`)
       * keep resolving, to the new values.
       */
      rewrite: SheetPlan[];
      /** Sheets of ours that already exist and are left as they are. */
      kept: string[];
      /** Names to delete first: stale (`#REF!`) or ours, about to be defined at another cell. */
      dropNames: string[];
      /** Names to define after the drops: every marker and plan name not already where it belongs. */
      defineNames: NameDefinition[];
    }
  | { ok: false; message: string };

/** True when the sheet's marker name refers to it, i.e. this product created it. */
export function isOurSheet(snapshot: Pick<OwnershipSnapshot, 'names'>, sheet: string, marker: string): boolean {
  return snapshot.names.get(marker)?.target?.sheet === sheet;
}

/** Every name a plan defines: its marker at A1 and its cell names. */
export function planNames(plan: SheetPlan): NameDefinition[] {
  return [{ name: plan.marker, sheet: plan.name, row: 1, col: 1 }, ...plan.names.map((n) => ({ name: n.name, sheet: plan.name, row: n.row, col: n.col }))];
}

/**
 * `existing: 'replace'` (score): our existing sheets are rewritten in place.
 * `existing: 'keep'` (template): our sheets stay untouched, only missing ones are added.
 * Either way a sheet of the user's with one of our names stops everything.
 */
export function planSheetWrites(snapshot: OwnershipSnapshot, plans: SheetPlan[], existing: 'replace' | 'keep'): SheetWrites {
  const present = new Set(snapshot.sheetNames);
  const add: SheetPlan[] = [];
  const rewrite: SheetPlan[] = [];
  const kept: string[] = [];
  for (const plan of plans) {
    if (!present.has(plan.name)) add.push(plan);
    else if (!isOurSheet(snapshot, plan.name, plan.marker)) return { ok: false, message: sheetConflictMessage(plan.name) };
    else if (existing === 'keep') kept.push(plan.name);
    else rewrite.push(plan);
  }

  // A name we are about to define may already exist: where it belongs (left alone), left behind
  // by a deleted sheet, or on one of our sheets the user renamed. Those we move; a name on a sheet
  // of the user's we never touch.
  const written = [...add, ...rewrite];
  const ourSheets = new Set([...written.map((p) => p.name), ...markedSheets(snapshot, plans)]);
  const dropNames: string[] = [];
  const defineNames: NameDefinition[] = [];
  for (const def of written.flatMap(planNames)) {
    const old = snapshot.names.get(def.name);
    if (old?.target && old.target.sheet === def.sheet && old.target.row === def.row && old.target.col === def.col) continue;
    if (old) {
      if (!MARKER_NAMES.has(def.name) && !isStale(old, present) && !ourSheets.has(old.target?.sheet ?? '')) {
        return { ok: false, message: nameConflictMessage(def.name, describe(old)) };
      }
      dropNames.push(def.name);
    }
    defineNames.push(def);
  }
  return { ok: true, add, rewrite, kept, dropNames, defineNames };
}

const MARKER_NAMES = new Set<string>(Object.values(MARKERS));

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
