/// <reference types="office-js" />
/** Whether to draw the pane dark, following the Office theme (深灰色 / 黑色) where Office reports one. */

/** WCAG relative luminance of `#RRGGBB` (0 black … 1 white); null for anything else. */
export function relativeLuminance(hex: string): number | null {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((part) => {
    const c = parseInt(part, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Below this luminance white text reads better than black (their contrast ratios are equal here). */
const EQUAL_CONTRAST_LUMINANCE = 0.179;

/** True when the pane background Office asks for is dark; false when Office gives no theme. */
export function officeThemeIsDark(): boolean {
  try {
    const background = Office.context.officeTheme?.bodyBackgroundColor;
    const luminance = background ? relativeLuminance(background) : null;
    return luminance !== null && luminance < EQUAL_CONTRAST_LUMINANCE;
  } catch {
    // officeTheme is missing on some platforms and throws on a few older ones.
    return false;
  }
}
