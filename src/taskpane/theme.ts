/**
 * The pane's look without run-time styling: the light theme's tokens as CSS variables on :root,
 * evaluated at build time by Griffel (webpack.config.js) into the page's stylesheet, so the first
 * script carries neither the theme object nor a style engine. Where Office is dark, darkTheme.ts
 * (a chunk of its own) puts the dark theme's variables over them. Either way every Fluent component
 * — portals included — finds its tokens on :root, so no FluentProvider needs a theme.
 *
 * This file must mention makeStyles: the Griffel loader only transforms files that do.
 */
import { createCSSRuleFromTheme, makeResetStyles, makeStyles, tokens, webLightTheme, type Theme } from '@fluentui/react-components';
// From Griffel itself: Fluent re-exports makeStaticStyles but not the stub the build turns it into.
import { makeStaticStyles } from '@griffel/react';

/** Chinese UI fonts of Windows, macOS and Linux, in that order. */
export const CHINESE_FONTS = "'Microsoft YaHei UI', 'PingFang SC', 'Noto Sans CJK SC'";

/** `stack` with the Chinese fonts inserted before its generic family (the last entry, e.g. sans-serif). */
export function withChineseFontsIn(stack: string): string {
  const at = stack.lastIndexOf(',');
  return at < 0 ? `${CHINESE_FONTS}, ${stack}` : `${stack.slice(0, at)}, ${CHINESE_FONTS}${stack.slice(at)}`;
}

/** A Fluent theme whose text falls back to a Chinese font rather than whatever the system picks. */
export function withChineseFonts(theme: Theme): Theme {
  return {
    ...theme,
    fontFamilyBase: withChineseFontsIn(theme.fontFamilyBase),
    fontFamilyNumeric: withChineseFontsIn(theme.fontFamilyNumeric),
  };
}

/** The light theme on :root (portals included), and the page itself in the theme's colours. */
export const useThemeVariables = makeStaticStyles([
  createCSSRuleFromTheme(':root', withChineseFonts(webLightTheme)),
  'body { margin: 0; background: var(--colorNeutralBackground1); color: var(--colorNeutralForeground1); font-family: var(--fontFamilyBase); }',
]);

/** The layout of the views loaded later, inside their FluentProvider: a column like the pane's. */
export const useViewStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, backgroundColor: 'transparent' },
  /** A provider that only hosts a dialog (drawn in a portal) takes no room in the column. */
  none: { display: 'contents' },
});

/** Text for screen readers only (e.g. “第 2 步（下一步）：” before a step's title). */
export const useVisuallyHiddenClass = makeResetStyles({
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
});
