/**
 * `--profile profile.json`: a profile given as JSON, either whole or as overrides of the default
 * (indicators matched by id; only the numbers an officer may change are taken). Every problem is
 * reported at once, each with its JSON path as in the officer's file (`indicators[6].rule.lower`):
 * first what is not the right type here, then what profileCheck finds wrong with the numbers.
 *
 * ```json
 * { "name": "…",
 *   "indicators": [{ "id": "project_execution", "weight": 8, "rule": { "lower": 0.9 } }],
 *   "grades": { "优": 90, "良": 80, "中": 60 },
 *   "thresholds": { "executionLow": 0.9 },
 *   "executionCap": [{ "below": 0.5, "max": 59 }, { "below": 0.6, "max": 69 }] }
 * ```
 * Band rules take lower/upper (a ratio, or null for no bound), mode, per, stepBelow, stepAbove and
 * ifBaseZero; tiers rules `tiers: [{min, share}]` and ifBaseZero; checklists `items: [{field, points}]`.
 * `executionCap` (预算执行率封顶, optional) replaces the default's none; `[]` or null means no cap.
 */
import {
  DEFAULT_PROFILE,
  THRESHOLD_LABELS,
  type BandRule,
  type ChecklistItem,
  type ChecklistRule,
  type ExecutionCapRow,
  type IndicatorDef,
  type Profile,
  type Rule,
  type Tier,
  type TiersRule,
} from '../engine/profile';
import { CAP_TEXT, PARAM_TEXT, TIER_TEXT, capRowText, profileProblems, type ProfilePath } from '../engine/profileCheck';
import type { InputIssue } from '../engine/types';
import { KIND_TEXT } from '../layout/profileSheet';

export type ProfileJsonResult =
  | { ok: true; profile: Profile; warnings: InputIssue[] }
  | { ok: false; errors: InputIssue[]; warnings: InputIssue[] };

/** The field of an issue about the file as a whole (it is not an object, the weights' total). */
const FILE_FIELD = 'profile';

const MODES: BandRule['mode'][] = ['proportional', 'steps'];
const POLICIES: NonNullable<BandRule['ifBaseZero']>[] = ['full', 'full_if_zero_numerator'];

const TOP_KEYS = ['name', 'indicators', 'grades', 'thresholds', 'executionCap'];
/** Keys of a whole exported profile that the file may carry but that are not taken (the formulas are fixed). */
const INDICATOR_KEYS = ['id', 'weight', 'rule'];
const INDICATOR_FIXED_KEYS = ['level1', 'level2', 'name', 'rate'];
const RULE_KEYS: Record<Rule['kind'], string[]> = {
  band: ['lower', 'upper', 'mode', 'per', 'stepBelow', 'stepAbove', 'ifBaseZero'],
  tiers: ['tiers', 'ifBaseZero'],
  checklist: ['items'],
};
const ALL_RULE_KEYS = new Set(['kind', ...Object.values(RULE_KEYS).flat()]);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a JSON value is, for “实为…”. */
function describe(v: unknown): string {
  if (typeof v === 'string') return `文字“${v}”`;
  if (typeof v === 'boolean') return `逻辑值 ${v}`;
  if (typeof v === 'number') return String(v);
  if (v === null) return 'null';
  if (v === undefined) return '空';
  return Array.isArray(v) ? '数组' : '对象';
}

/** Collects issues, each placed at a JSON path of the officer's file. */
class FileIssues {
  readonly errors: InputIssue[] = [];
  readonly warnings: InputIssue[] = [];
  /** Paths with a type error: the value there was not taken, so profileCheck's verdict on it is moot. */
  private readonly typeErrors: string[] = [];

  static issue(path: string | null, message: string): InputIssue {
    return path ? { field: path, cell: null, message: `指标体系文件 ${path}：${message}` } : { field: FILE_FIELD, cell: null, message: `指标体系文件：${message}` };
  }

  typeError(path: string | null, message: string): void {
    if (path) this.typeErrors.push(path);
    this.errors.push(FileIssues.issue(path, message));
  }

  warn(path: string | null, message: string): void {
    this.warnings.push(FileIssues.issue(path, message));
  }

  /** Whether `path` is, or lies inside, a value that already had a type error. */
  moot(path: string): boolean {
    return this.typeErrors.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  }

  unknownKeys(path: string, obj: Json, known: string[], ignored: string[] = []): void {
    for (const k of Object.keys(obj)) {
      if (!known.includes(k) && !ignored.includes(k)) this.warn(path ? `${path}.${k}` : k, `未知的键“${k}”，已忽略`);
    }
  }

  /** A finite number at `path`, else NaN (and a type error) so that nothing downstream takes it. */
  number(path: string, what: string, v: unknown): number {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    this.typeError(path, typeof v === 'number' ? `${what}应为有效数值，实为${v}` : `${what}应为数值，实为${describe(v)}`);
    return Number.NaN;
  }

  choice<T extends string>(path: string, what: string, v: unknown, options: readonly T[]): T | undefined {
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    this.typeError(path, `${what}应为${options.map((o) => `“${o}”`).join('或')}，实为${describe(v)}`);
    return undefined;
  }
}

/** The entry's rule with the file's values laid over the default's; values of the wrong type come out NaN or stay default. */
function readRule(issues: FileIssues, path: string, def: IndicatorDef, raw: unknown): Rule {
  if (raw === undefined) return def.rule;
  const name = `“${def.name}”`;
  if (!isObject(raw)) {
    issues.typeError(path, `${name}的规则应为对象，实为${describe(raw)}`);
    return def.rule;
  }
  const kind = def.rule.kind;
  if (raw.kind !== undefined && raw.kind !== kind) {
    issues.typeError(`${path}.kind`, `${name}的规则为“${KIND_TEXT[kind]}”（${kind}），不能改为${describe(raw.kind)}`);
  }
  for (const k of Object.keys(raw)) {
    if (RULE_KEYS[kind].includes(k) || k === 'kind') continue;
    const why = ALL_RULE_KEYS.has(k) ? `不适用于“${KIND_TEXT[kind]}”规则，已忽略` : '未知的键，已忽略';
    issues.warn(`${path}.${k}`, `“${k}”${why}`);
  }
  const num = (k: keyof typeof PARAM_TEXT) => issues.number(`${path}.${k}`, `${name}的${PARAM_TEXT[k]}`, raw[k]);
  const policy = (): BandRule['ifBaseZero'] =>
    raw.ifBaseZero === undefined
      ? (def.rule as BandRule | TiersRule).ifBaseZero
      : (issues.choice(`${path}.ifBaseZero`, `${name}的${PARAM_TEXT.ifBaseZero}`, raw.ifBaseZero, POLICIES) ?? (def.rule as BandRule | TiersRule).ifBaseZero);

  if (kind === 'band') {
    const rule: BandRule = { ...(def.rule as BandRule) };
    for (const k of ['lower', 'upper'] as const) {
      if (raw[k] === null) delete rule[k];
      else if (raw[k] !== undefined) rule[k] = num(k);
    }
    for (const k of ['per', 'stepBelow', 'stepAbove'] as const) if (raw[k] !== undefined) rule[k] = num(k);
    if (raw.mode !== undefined) rule.mode = issues.choice(`${path}.mode`, `${name}的${PARAM_TEXT.mode}`, raw.mode, MODES) ?? rule.mode;
    rule.ifBaseZero = policy();
    if (rule.ifBaseZero === undefined) delete rule.ifBaseZero;
    return rule;
  }

  /** An array of objects at `key`; entries that are not objects come out as null, so indices stay those of the file. */
  const list = (key: string, what: string): (Json | null)[] | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) {
      issues.typeError(`${path}.${key}`, `${name}的${what}应为数组，实为${describe(v)}`);
      return undefined;
    }
    return v.map((x, i) => {
      if (isObject(x)) return x;
      issues.typeError(`${path}.${key}[${i}]`, `${name}的第${i + 1}个${what.replace(/列表$/, '')}应为对象，实为${describe(x)}`);
      return null;
    });
  };

  if (kind === 'tiers') {
    const entries = list('tiers', '分档列表');
    const tiers: Tier[] = entries
      ? entries.map((t, i) => {
          const at = `${path}.tiers[${i}]`;
          if (!t) return { min: Number.NaN, share: Number.NaN };
          issues.unknownKeys(at, t, ['min', 'share']);
          const num = (k: 'min' | 'share') => issues.number(`${at}.${k}`, `${name}第${i + 1}档的${TIER_TEXT[k]}`, t[k]);
          return { min: num('min'), share: num('share') };
        })
      : (def.rule as TiersRule).tiers;
    const rule: TiersRule = { kind: 'tiers', tiers, ifBaseZero: policy() };
    if (rule.ifBaseZero === undefined) delete rule.ifBaseZero;
    return rule;
  }

  const entries = list('items', '检查项列表');
  const items: ChecklistItem[] = entries
    ? entries.map((it, i) => {
        const at = `${path}.items[${i}]`;
        if (!it) return { field: '', points: Number.NaN };
        issues.unknownKeys(at, it, ['field', 'points']);
        if (typeof it.field !== 'string') issues.typeError(`${at}.field`, `${name}第${i + 1}个检查项的代码应为文字，实为${describe(it.field)}`);
        const field = typeof it.field === 'string' ? it.field : '';
        return { field, points: issues.number(`${at}.points`, `${name}检查项“${field || i + 1}”的分值`, it.points) };
      })
    : (def.rule as ChecklistRule).items;
  return { kind: 'checklist', items };
}

/** The file's execution-rate cap rows; undefined for none (absent, null or []). A row that is no object comes out NaN, so indices stay those of the file. */
function readExecutionCap(issues: FileIssues, raw: unknown): ExecutionCapRow[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) {
    issues.typeError('executionCap', `预算执行率封顶应为数组，实为${describe(raw)}`);
    return undefined;
  }
  const rows = raw.map((x: unknown, i): ExecutionCapRow => {
    const at = `executionCap[${i}]`;
    if (!isObject(x)) {
      issues.typeError(at, `${capRowText(i)}应为对象，实为${describe(x)}`);
      return { below: Number.NaN, max: Number.NaN };
    }
    issues.unknownKeys(at, x, ['below', 'max']);
    const num = (k: 'below' | 'max') => issues.number(`${at}.${k}`, `${capRowText(i)}的${CAP_TEXT[k]}`, x[k]);
    return { below: num('below'), max: num('max') };
  });
  return rows.length > 0 ? rows : undefined;
}

/** Reads a parsed `--profile` file; never throws. */
export function profileFromJson(json: unknown): ProfileJsonResult {
  const issues = new FileIssues();
  if (!isObject(json)) {
    issues.typeError(null, `应为 JSON 对象，实为${describe(json)}`);
    return { ok: false, errors: issues.errors, warnings: issues.warnings };
  }
  issues.unknownKeys('', json, TOP_KEYS);

  let name = `${DEFAULT_PROFILE.name}（已按文件调整）`;
  if (json.name !== undefined) {
    if (typeof json.name !== 'string') issues.typeError('name', `名称应为文字，实为${describe(json.name)}`);
    else if (json.name.trim() === '') issues.typeError('name', '名称不能为空');
    else name = json.name.trim();
  }

  /** indicator id → the entry's index in the file (its first, when repeated). */
  const indexOf = new Map<string, number>();
  const entries = new Map<string, Json>();
  if (json.indicators !== undefined && !Array.isArray(json.indicators)) {
    issues.typeError('indicators', `应为数组，实为${describe(json.indicators)}`);
  } else {
    ((json.indicators ?? []) as unknown[]).forEach((x, i) => {
      const at = `indicators[${i}]`;
      if (!isObject(x)) return issues.typeError(at, `应为对象，实为${describe(x)}`);
      if (typeof x.id !== 'string') return issues.typeError(`${at}.id`, `指标代码应为文字，实为${describe(x.id)}`);
      if (!DEFAULT_PROFILE.indicators.some((d) => d.id === x.id)) return issues.typeError(`${at}.id`, `未知指标代码“${x.id}”`);
      const first = indexOf.get(x.id);
      if (first !== undefined) return issues.typeError(`${at}.id`, `指标代码“${x.id}”重复（已见于 indicators[${first}]）`);
      indexOf.set(x.id, i);
      entries.set(x.id, x);
      issues.unknownKeys(at, x, INDICATOR_KEYS, INDICATOR_FIXED_KEYS);
    });
  }

  const indicators: IndicatorDef[] = DEFAULT_PROFILE.indicators.map((d) => {
    const x = entries.get(d.id);
    if (!x) return d;
    const at = `indicators[${indexOf.get(d.id)}]`;
    const weight = x.weight === undefined ? d.weight : issues.number(`${at}.weight`, `“${d.name}”的${PARAM_TEXT.weight}`, x.weight);
    return { ...d, weight, rule: readRule(issues, `${at}.rule`, d, x.rule) };
  });

  /** A block of named numbers (grades, thresholds) laid over the default's. */
  const numbers = <T extends object>(key: string, base: T, what: (k: keyof T) => string): T => {
    const raw = json[key];
    const out = { ...base };
    if (raw === undefined) return out;
    if (!isObject(raw)) {
      issues.typeError(key, `应为对象，实为${describe(raw)}`);
      return out;
    }
    issues.unknownKeys(key, raw, Object.keys(base));
    for (const k of Object.keys(base) as (keyof T & string)[]) {
      if (raw[k] !== undefined) (out as Record<string, number>)[k] = issues.number(`${key}.${k}`, what(k), raw[k]);
    }
    return out;
  };
  const grades = numbers('grades', DEFAULT_PROFILE.grades, (g) => `等级“${String(g)}”的分数线`);
  const thresholds = numbers('thresholds', DEFAULT_PROFILE.thresholds, (k) => `“${THRESHOLD_LABELS[k].name}”`);

  const executionCap = readExecutionCap(issues, json.executionCap);

  const profile: Profile = { name, indicators, grades, thresholds, ...(executionCap && { executionCap }) };
  const jsonPath = (path: ProfilePath): string => {
    if ('grade' in path) return `grades.${path.grade}`;
    if ('threshold' in path) return `thresholds.${path.threshold}`;
    if ('cap' in path) return `executionCap[${path.cap}].${path.param}`;
    const i = indexOf.get(path.indicator);
    const at = i === undefined ? path.indicator : `indicators[${i}]`;
    if ('tier' in path) return `${at}.rule.tiers[${path.tier}].${path.param}`;
    if ('item' in path) return `${at}.rule.items[${path.index}].${path.param}`;
    return path.param === 'weight' ? `${at}.weight` : `${at}.rule.${path.param}`;
  };
  const found = profileProblems(profile);
  for (const { path, message } of found.errors) {
    const at = path && jsonPath(path);
    if (!at || !issues.moot(at)) issues.errors.push(FileIssues.issue(at, message));
  }
  for (const { path, message } of found.warnings) issues.warn(path && jsonPath(path), message);

  if (issues.errors.length > 0) return { ok: false, errors: issues.errors, warnings: issues.warnings };
  return { ok: true, profile, warnings: issues.warnings };
}
