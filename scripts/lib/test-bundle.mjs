/**
 * How the unit, integration and e2e layers and the bench scripts are bundled before they run: one CommonJS file per
 * entry for Node 20 (the oldest Node the extension supports), source maps inline for --enable-source-maps.
 * Each caller adds its entry points, output and externals.
 * @type {import('esbuild').BuildOptions}
 */
export const TEST_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
};
