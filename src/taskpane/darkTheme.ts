/** The dark Fluent theme, loaded only when Office's theme is dark (keeps it out of the first script). */
export { webDarkTheme } from '@fluentui/react-components';
