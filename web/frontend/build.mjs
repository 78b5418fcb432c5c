// Bundles the app with esbuild into <out>/assets with content-hashed names and writes <out>/index.html.
// Usage: node build.mjs [outDir] [--test-hooks]   (default ../target/classes/webroot, i.e. into the jar)
// --test-hooks compiles in window.__verso (src/test-hooks.js) for the browser tests; without it (the
// production bundle) the hooks are dropped as dead code, and the build fails if any trace is left.
import * as esbuild from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { basename, join } from 'node:path';

const args = process.argv.slice(2);
const testHooks = args.includes('--test-hooks');
const out = args.find((a) => !a.startsWith('--')) || '../target/classes/webroot';
/** Names only the test hooks use: none may be in the production bundle. */
const HOOK_MARKERS = ['__verso', 'forgeSubmit', 'dropUnloadGuard', 'commentThreads'];

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });
const result = await esbuild.build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
  define: { global: 'window', __VERSO_TEST_HOOKS__: String(testHooks) },
});
const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outputs.find((f) => /^app-.*\.js$/.test(f));
const css = outputs.find((f) => /^app-.*\.css$/.test(f));
if (!js || !css) throw new Error('build produced no app bundle: ' + outputs.join(', '));
const code = readFileSync(join(out, 'assets', js), 'utf8');
const found = HOOK_MARKERS.filter((m) => code.includes(m));
if (!testHooks && found.length > 0) throw new Error('the production bundle contains test hooks: ' + found.join(', '));
if (testHooks && found.length !== HOOK_MARKERS.length) throw new Error('the test bundle lacks its hooks');
// axe-core (a devDependency the browser tests inject into the page) is never part of the app
if (code.includes('axeVersion')) throw new Error('the bundle contains axe-core');
// The favicon beside the bundle, content-hashed like it: cached for good and sent pre-compressed.
const svg = readFileSync('src/favicon.svg');
const favicon = 'favicon-' + createHash('sha256').update(svg).digest('hex').slice(0, 8).toUpperCase() + '.svg';
writeFileSync(join(out, 'assets', favicon), svg);
const html = readFileSync('src/index.html', 'utf8').replace('%JS%', js).replace('%CSS%', css).replace('%FAVICON%', favicon);
writeFileSync(join(out, 'index.html'), html);
// Pre-compressed beside each asset, once, at the strongest settings: the server sends the .br or .gz
// a browser accepts instead of compressing the bundle on every request (or not at all).
const sizes = [];
for (const name of readdirSync(join(out, 'assets'))) {
  const raw = readFileSync(join(out, 'assets', name));
  const gz = gzipSync(raw, { level: 9 });
  const br = brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  writeFileSync(join(out, 'assets', name + '.gz'), gz);
  writeFileSync(join(out, 'assets', name + '.br'), br);
  sizes.push(name + ' ' + raw.length + ' B (gzip ' + gz.length + ', brotli ' + br.length + ')');
}
console.log('built ' + js + ', ' + css + ' into ' + out + (testHooks ? ' (with test hooks)' : ''));
console.log(sizes.join('\n'));
