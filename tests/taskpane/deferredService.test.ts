import { deferredService } from '../../src/taskpane/deferredService';
import type { WorkbookService } from '../../src/taskpane/service';

function stubService(calls: string[]): WorkbookService {
  return {
    insertTemplate: async () => (calls.push('insertTemplate'), { kind: 'done', message: '已插入模板。' }),
    loadSample: async (options) => (calls.push(`loadSample ${JSON.stringify(options ?? {})}`), { kind: 'done', message: '已载入示例数据。' }),
    validate: async () => (calls.push('validate'), { kind: 'valid', warnings: [] }),
    score: async () => (calls.push('score'), { kind: 'failed', message: '没有基础数据表。' }),
    selectCell: async (address) => void calls.push(`selectCell ${address}`),
    resultStatus: async () => (calls.push('resultStatus'), { state: 'none' }),
    watchInputs: async () => (calls.push('watchInputs'), true),
    state: async () => (calls.push('state'), { template: { state: 'missing' }, required: { filled: 0, total: 0, firstEmpty: null }, errors: null, result: { state: 'none' } }),
    showIndicator: async (id) => void calls.push(`showIndicator ${id}`),
    reportFile: async () => (calls.push('reportFile'), { kind: 'failed', message: '没有基础数据表。' }),
  };
}

test('starts loading at once, loads once, and passes every call through', async () => {
  const calls: string[] = [];
  const load = jest.fn(async () => stubService(calls));
  const service = deferredService(load);
  expect(load).toHaveBeenCalledTimes(1);

  await expect(service.insertTemplate()).resolves.toEqual({ kind: 'done', message: '已插入模板。' });
  await expect(service.loadSample({ overwrite: true })).resolves.toEqual({ kind: 'done', message: '已载入示例数据。' });
  await expect(service.validate()).resolves.toEqual({ kind: 'valid', warnings: [] });
  await expect(service.score()).resolves.toEqual({ kind: 'failed', message: '没有基础数据表。' });
  await service.selectCell('基础数据表!C18');
  await expect(service.resultStatus()).resolves.toEqual({ state: 'none' });
  await expect(service.watchInputs(() => undefined)).resolves.toBe(true);
  await expect(service.state()).resolves.toMatchObject({ template: { state: 'missing' } });
  await service.showIndicator('3.1.1');
  await expect(service.reportFile()).resolves.toEqual({ kind: 'failed', message: '没有基础数据表。' });
  expect(calls).toEqual([
    'insertTemplate',
    'loadSample {"overwrite":true}',
    'validate',
    'score',
    'selectCell 基础数据表!C18',
    'resultStatus',
    'watchInputs',
    'state',
    'showIndicator 3.1.1',
    'reportFile',
  ]);
  expect(load).toHaveBeenCalledTimes(1);
});

test('a failed load rejects the call waiting on it, and the next call loads again', async () => {
  const calls: string[] = [];
  const load = jest
    .fn<Promise<WorkbookService>, []>()
    .mockRejectedValueOnce(new Error('ChunkLoadError'))
    .mockResolvedValue(stubService(calls));
  const service = deferredService(load);

  await expect(service.validate()).rejects.toThrow('ChunkLoadError');
  await expect(service.validate()).resolves.toEqual({ kind: 'valid', warnings: [] });
  await expect(service.score()).resolves.toMatchObject({ kind: 'failed' });
  expect(load).toHaveBeenCalledTimes(2);
  expect(calls).toEqual(['validate', 'score']);
});
