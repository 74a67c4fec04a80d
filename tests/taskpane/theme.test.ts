import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { SCORE_BAR_TOKENS } from '../../src/taskpane/components/ResultsView';
import { relativeLuminance } from '../../src/taskpane/officeTheme';
import { CHINESE_FONTS, withChineseFonts, withChineseFontsIn } from '../../src/taskpane/theme';

describe('the Chinese fonts go before the generic family of a stack', () => {
  test.each([
    [
      "Fluent's base stack",
      webLightTheme.fontFamilyBase,
      "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', 'Microsoft YaHei UI', 'PingFang SC', 'Noto Sans CJK SC', sans-serif",
    ],
    ['a stack of one family', 'sans-serif', "'Microsoft YaHei UI', 'PingFang SC', 'Noto Sans CJK SC', sans-serif"],
  ])('%s', (_name, stack, expected) => {
    expect(withChineseFontsIn(stack)).toBe(expected);
  });

  test('in both themes, for the base and the numeric stacks; monospace stays as it is', () => {
    for (const theme of [webLightTheme, webDarkTheme]) {
      const chinese = withChineseFonts(theme);
      expect(chinese.fontFamilyBase).toMatch(new RegExp(`${CHINESE_FONTS}, sans-serif$`));
      expect(chinese.fontFamilyNumeric).toMatch(new RegExp(`${CHINESE_FONTS}, sans-serif$`));
      expect(chinese.fontFamilyMonospace).toBe(theme.fontFamilyMonospace);
    }
  });
});

function contrast(a: string, b: string): number {
  const [x, y] = [relativeLuminance(a), relativeLuminance(b)].map((l) => {
    if (l === null) throw new Error(`not a colour: ${a} / ${b}`);
    return l;
  });
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe('score bars: each fill against the track, at least 3:1', () => {
  const themes = [
    ['light', webLightTheme],
    ['dark', webDarkTheme],
  ] as const;
  const fills = ['full', 'partial', 'none'] as const;
  test.each(themes.flatMap(([name, theme]) => fills.map((fill) => [name, fill, theme] as const)))('%s theme, %s', (_name, fill, theme) => {
    expect(contrast(theme[SCORE_BAR_TOKENS[fill]], theme[SCORE_BAR_TOKENS.track])).toBeGreaterThanOrEqual(3);
  });

  test.each(themes)('%s theme: the track outline stands out from the pane (3:1)', (_name, theme) => {
    expect(contrast(theme[SCORE_BAR_TOKENS.outline], theme.colorNeutralBackground1)).toBeGreaterThanOrEqual(3);
  });
});
