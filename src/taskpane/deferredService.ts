/**
 * A WorkbookService whose implementation arrives later (a lazily loaded chunk), so the pane can
 * paint its steps before the Excel adapter and the scoring engine have loaded.
 */
import type { WorkbookService } from './service';

/**
 * Starts `load` at once; every call waits for it. A failed load is forgotten, so the next click
 * tries again instead of failing for good after one network hiccup.
 */
export function deferredService(load: () => Promise<WorkbookService>): WorkbookService {
  let pending: Promise<WorkbookService> | null = null;
  const service = (): Promise<WorkbookService> => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
  // The outcome of this first attempt is reported by whichever call waits on it.
  service().catch(() => undefined);

  return {
    state: async () => (await service()).state(),
    showIndicator: async (id) => (await service()).showIndicator(id),
    reportFile: async () => (await service()).reportFile(),
    insertTemplate: async () => (await service()).insertTemplate(),
    loadSample: async (options) => (await service()).loadSample(options),
    validate: async () => (await service()).validate(),
    score: async (options) => (await service()).score(options),
    selectCell: async (address) => (await service()).selectCell(address),
    resultStatus: async () => (await service()).resultStatus(),
    watchInputs: async (onChange) => (await service()).watchInputs(onChange),
  };
}
