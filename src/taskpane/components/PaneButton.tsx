/**
 * The first screen's button: Fluent's Button as it looks (its tokens, sizes, focus ring, high-
 * contrast colours), drawn on a plain <button>. Fluent's own Button, with the FluentProvider it
 * needs, costs some 10 KB gzipped of script and styles, which the first paint's budget has no room
 * for; the views loaded later use Fluent's Button itself.
 */
import { makeResetStyles, makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';
import { forwardRef, type ButtonHTMLAttributes } from 'react';

const useBase = makeResetStyles({
  boxSizing: 'border-box',
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  verticalAlign: 'middle',
  maxWidth: '100%',
  minWidth: '96px',
  minHeight: '32px',
  margin: 0,
  padding: `5px ${tokens.spacingHorizontalM}`,
  borderRadius: tokens.borderRadiusMedium,
  border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  backgroundColor: tokens.colorNeutralBackground1,
  color: tokens.colorNeutralForeground1,
  fontFamily: tokens.fontFamilyBase,
  fontSize: tokens.fontSizeBase300,
  fontWeight: tokens.fontWeightSemibold,
  lineHeight: tokens.lineHeightBase300,
  textAlign: 'center',
  outlineStyle: 'none',
  cursor: 'pointer',
  ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, borderColor: tokens.colorNeutralStroke1Hover, color: tokens.colorNeutralForeground1Hover },
  ':hover:active': { backgroundColor: tokens.colorNeutralBackground1Pressed, borderColor: tokens.colorNeutralStroke1Pressed, color: tokens.colorNeutralForeground1Pressed },
  '@media (forced-colors: active)': {
    ':focus': { borderColor: 'ButtonText' },
    ':hover': { backgroundColor: 'HighlightText', borderColor: 'Highlight', color: 'Highlight', forcedColorAdjust: 'none' },
  },
  // Fluent's focus ring, on the browser's own :focus-visible: Fluent's selector needs the keyboard
  // tracking of a FluentProvider, which the first screen does without.
  ':focus-visible': {
    borderColor: tokens.colorStrokeFocus2,
    borderRadius: tokens.borderRadiusMedium,
    borderWidth: '1px',
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorTransparentStroke}`,
    boxShadow: `0 0 0 ${tokens.strokeWidthThin} ${tokens.colorStrokeFocus2} inset`,
    zIndex: 1,
  },
});

const useAppearance = makeStyles({
  primary: {
    backgroundColor: tokens.colorBrandBackground,
    ...shorthands.borderColor('transparent'),
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorBrandBackgroundHover, ...shorthands.borderColor('transparent'), color: tokens.colorNeutralForegroundOnBrand },
    ':hover:active': { backgroundColor: tokens.colorBrandBackgroundPressed, ...shorthands.borderColor('transparent'), color: tokens.colorNeutralForegroundOnBrand },
    '@media (forced-colors: active)': { backgroundColor: 'Highlight', ...shorthands.borderColor('HighlightText'), color: 'HighlightText', forcedColorAdjust: 'none' },
  },
  secondary: {},
  subtle: {
    backgroundColor: tokens.colorSubtleBackground,
    ...shorthands.borderColor('transparent'),
    color: tokens.colorNeutralForeground2,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover, ...shorthands.borderColor('transparent'), color: tokens.colorNeutralForeground2Hover },
    ':hover:active': { backgroundColor: tokens.colorSubtleBackgroundPressed, ...shorthands.borderColor('transparent'), color: tokens.colorNeutralForeground2Pressed },
  },
  disabled: {
    backgroundColor: tokens.colorNeutralBackgroundDisabled,
    ...shorthands.borderColor(tokens.colorNeutralStrokeDisabled),
    color: tokens.colorNeutralForegroundDisabled,
    cursor: 'not-allowed',
    ':hover': { backgroundColor: tokens.colorNeutralBackgroundDisabled, ...shorthands.borderColor(tokens.colorNeutralStrokeDisabled), color: tokens.colorNeutralForegroundDisabled },
    ':hover:active': { backgroundColor: tokens.colorNeutralBackgroundDisabled, ...shorthands.borderColor(tokens.colorNeutralStrokeDisabled), color: tokens.colorNeutralForegroundDisabled },
    '@media (forced-colors: active)': { backgroundColor: 'ButtonFace', ...shorthands.borderColor('GrayText'), color: 'GrayText' },
  },
});

export interface PaneButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type' | 'disabled'> {
  appearance?: 'primary' | 'secondary' | 'subtle';
  /** Cannot be pressed, and is skipped by Tab. */
  disabled?: boolean;
  /** Cannot be pressed but keeps keyboard focus (aria-disabled), e.g. while an action runs. */
  disabledFocusable?: boolean;
}

export const PaneButton = forwardRef<HTMLButtonElement, PaneButtonProps>(function PaneButton(
  { appearance = 'secondary', disabled = false, disabledFocusable = false, className, onClick, ...rest },
  ref,
) {
  const base = useBase();
  const styles = useAppearance();
  const inert = disabled || disabledFocusable;
  return (
    <button
      {...rest}
      ref={ref}
      type="button"
      disabled={disabled}
      aria-disabled={disabledFocusable && !disabled ? true : undefined}
      className={mergeClasses(base, styles[appearance], inert && styles.disabled, className)}
      onClick={inert ? undefined : onClick}
    />
  );
});
