import { officeThemeIsDark, relativeLuminance } from '../../src/taskpane/officeTheme';

test.each([
  ['#FFFFFF', 1],
  ['#000000', 0],
  ['ffffff', 1],
  ['#808080', 0.2158605],
  ['#262626', 0.0193824],
])('relativeLuminance(%s) is %p', (hex, luminance) => {
  expect(relativeLuminance(hex)).toBeCloseTo(luminance, 6);
});

test.each(['', 'red', '#fff', '#12345g'])('relativeLuminance(%p) is null', (hex) => {
  expect(relativeLuminance(hex)).toBeNull();
});

describe('officeThemeIsDark', () => {
  const global = globalThis as { Office?: unknown };
  afterEach(() => {
    delete global.Office;
  });

  test.each([
    ['黑色 theme', '#262626', true],
    ['深灰色 theme', '#444444', true],
    ['白色 theme', '#FFFFFF', false],
    ['彩色 theme', '#E6E6E6', false],
    ['mid grey, where black text reads better', '#808080', false],
  ])('%s (%s) → %p', (_name, bodyBackgroundColor, dark) => {
    global.Office = { context: { officeTheme: { bodyBackgroundColor } } };
    expect(officeThemeIsDark()).toBe(dark);
  });

  test('light when Office reports no theme, or is not there at all', () => {
    global.Office = { context: {} };
    expect(officeThemeIsDark()).toBe(false);
    delete global.Office;
    expect(officeThemeIsDark()).toBe(false);
  });
});
