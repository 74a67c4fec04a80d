/**
 * The dark theme, loaded only where Office's theme is dark (it stays out of the first script): its
 * variables, with the Chinese fonts, go on :root after the stylesheet's light ones, and so over them.
 */
import { createCSSRuleFromTheme, webDarkTheme } from '@fluentui/react-components';
import { withChineseFonts } from './theme';

export function applyDarkTheme(): void {
  const style = document.createElement('style');
  style.id = 'jxpj-dark-theme';
  style.textContent = `${createCSSRuleFromTheme(':root', withChineseFonts(webDarkTheme))}\n:root { color-scheme: dark; }`;
  document.head.appendChild(style);
}
