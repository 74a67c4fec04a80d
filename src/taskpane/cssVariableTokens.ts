/**
 * Stands in for Fluent's `tokens` in the browser build (webpack.config.js): `tokens.x` is the CSS
 * variable `var(--x)`, as in Fluent's own table of some 460 names — which the first script would
 * otherwise carry only because a style module reads one token at load time. Styles themselves are
 * evaluated at build time with Fluent's real table; nothing enumerates the tokens.
 *
 * It replaces a file of node_modules, so webpack parses it as JavaScript: no type syntax here.
 */
export const tokens = new Proxy(
  {},
  {
    get: (_table, name) => (typeof name === 'string' ? `var(--${name})` : undefined),
  },
);
