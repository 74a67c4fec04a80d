/** The acceptance case (shared/samples, copied into tests/fixtures) as tests use it. */
import expected from '../fixtures/nanchang-2018.expected.json';
import seed from '../fixtures/nanchang-2018.json';
import type { RawValue } from '../../src/engine/types';

export const SEED: Record<string, RawValue> = seed as Record<string, RawValue>;
export const EXPECTED = expected;

/** The seed with some fields replaced (undefined deletes the field). */
export function seedWith(changes: Record<string, RawValue>): Record<string, RawValue> {
  const out: Record<string, RawValue> = { ...SEED };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}
