// Compile a package's TypeScript source to what its tarball ships: ESM JavaScript, .d.ts and declaration maps,
// with every relative import given its file extension (Node ESM and `moduleResolution: node16` require it; the
// source omits them because vite and the bundler resolution do not). Run from the package folder:
//   node ../../scripts/buildLib.mjs            (reads ./tsconfig.build.json, cleans and writes its outDir)
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const project = resolve(process.argv[2] ?? 'tsconfig.build.json');
const outDir = resolve(dirname(project), JSON.parse(readFileSync(project, 'utf8')).compilerOptions.outDir);
rmSync(outDir, { recursive: true, force: true });

function run(bin, args) {
  const result = spawnSync(join(root, 'node_modules/.bin', bin), args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${bin} ${args.join(' ')} failed (${result.status ?? result.signal})`);
    process.exit(1);
  }
}
run('tsc', ['-p', project]);
// tsc-alias --resolve-full-paths: './x' -> './x.js' or './x/index.js' in the emitted .js and .d.ts files.
run('tsc-alias', ['-p', project, '--resolve-full-paths']);
