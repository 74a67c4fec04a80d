/**
 * What `jxpj score --out` makes of a file, as one value a table of cases can compare exactly:
 * a score, validation errors, a refused file or a refused copy. Also reports whether the bytes
 * handed in were left exactly as they were (the reader keeps views into them, never copies).
 */
import type { EvaluationResult, InputIssue } from '../../src/engine/types';
import { outputPlans, scoreWorkbookSources } from '../../src/layout/workflow';
import { SheetConflictError, WorkbookFileError, openWorkbook } from '../../src/xlsx';

export type Outcome =
  | { score: number; grade: string; department: string }
  | { errors: InputIssue[] }
  | { refused: WorkbookFileError['kind']; message: string }
  | { score: number; grade: string; department: string; copyRefused: string };

export interface Run {
  outcome: Outcome;
  result?: EvaluationResult;
  /** The scored copy (`withSheets(outputPlans(…))`), when there is one. */
  copy?: Buffer;
  extension?: '.xlsx' | '.xlsm';
  /** The input's bytes are exactly as they were before reading, scoring and writing the copy. */
  inputUnchanged: boolean;
}

export async function scoreBytes(bytes: Buffer): Promise<Run> {
  const before = Buffer.from(bytes);
  const unchanged = () => bytes.equals(before);
  let opened;
  try {
    opened = await openWorkbook(bytes);
  } catch (e) {
    if (!(e instanceof WorkbookFileError)) throw e;
    return { outcome: { refused: e.kind, message: e.message }, inputUnchanged: unchanged() };
  }
  const scored = scoreWorkbookSources(opened.sources);
  if (!scored.ok) return { outcome: { errors: scored.errors }, extension: opened.extension, inputUnchanged: unchanged() };
  const { result } = scored;
  const score = { score: result.total, grade: result.grade, department: result.department };
  try {
    const copy = opened.withSheets(outputPlans(result, scored.profile, scored.raw));
    return { outcome: score, result, copy, extension: opened.extension, inputUnchanged: unchanged() };
  } catch (e) {
    if (!(e instanceof SheetConflictError)) throw e;
    return { outcome: { ...score, copyRefused: e.message }, result, extension: opened.extension, inputUnchanged: unchanged() };
  }
}
