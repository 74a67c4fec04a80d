/**
 * `--profile profile.json`: a profile given as JSON, either whole or as overrides of the default
 * (indicators matched by id; only the numbers an officer may change are taken).
 */
import { DEFAULT_PROFILE, type IndicatorDef, type Profile, type Rule } from '../engine/profile';

type Overrides = {
  name?: string;
  indicators?: ({ id: string; weight?: number; rule?: Partial<Rule> } & Record<string, unknown>)[];
  grades?: Partial<Profile['grades']>;
  thresholds?: Partial<Profile['thresholds']>;
};

export class ProfileJsonError extends Error {}

const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function checkNumbers(where: string, obj: Record<string, unknown>, keys: string[]): void {
  for (const k of keys) {
    if (obj[k] !== undefined && !isNum(obj[k])) throw new ProfileJsonError(`指标体系文件：${where}.${k} 应为不小于0的数值`);
  }
}

const MODES = ['proportional', 'steps'];
const POLICIES = ['full', 'full_if_zero_numerator'];

function checkRule(id: string, rule: Rule): void {
  const r = rule as unknown as Record<string, unknown>;
  checkNumbers(`${id}.rule`, r, ['lower', 'upper', 'stepBelow', 'per', 'stepAbove']);
  if (r.mode !== undefined && !MODES.includes(String(r.mode))) {
    throw new ProfileJsonError(`指标体系文件：${id}.rule.mode 应为 ${MODES.join(' 或 ')}`);
  }
  if (r.ifBaseZero !== undefined && !POLICIES.includes(String(r.ifBaseZero))) {
    throw new ProfileJsonError(`指标体系文件：${id}.rule.ifBaseZero 应为 ${POLICIES.join(' 或 ')}`);
  }
  if (r.mode === 'steps' && r.per === 0) throw new ProfileJsonError(`指标体系文件：${id}.rule.per 不能为0`);
}

export function profileFromJson(json: unknown): Profile {
  if (typeof json !== 'object' || json === null) throw new ProfileJsonError('指标体系文件应为 JSON 对象');
  const o = json as Overrides;
  const byId = new Map((o.indicators ?? []).map((x) => [x.id, x]));
  for (const id of byId.keys()) {
    if (!DEFAULT_PROFILE.indicators.some((d) => d.id === id)) throw new ProfileJsonError(`指标体系文件：未知指标代码“${id}”`);
  }
  const indicators: IndicatorDef[] = DEFAULT_PROFILE.indicators.map((d) => {
    const x = byId.get(d.id);
    if (!x) return d;
    checkNumbers(d.id, x, ['weight']);
    const rule = { ...d.rule, ...(x.rule ?? {}), kind: d.rule.kind } as Rule;
    checkRule(d.id, rule);
    return { ...d, weight: x.weight ?? d.weight, rule };
  });
  const grades = { ...DEFAULT_PROFILE.grades, ...(o.grades ?? {}) };
  checkNumbers('grades', grades, ['优', '良', '中']);
  const thresholds = { ...DEFAULT_PROFILE.thresholds, ...(o.thresholds ?? {}) };
  checkNumbers('thresholds', thresholds, Object.keys(thresholds));
  return { name: o.name ?? `${DEFAULT_PROFILE.name}（已按文件调整）`, indicators, grades, thresholds };
}
