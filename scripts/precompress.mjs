// Write `<file>.br` and `<file>.gz` next to every compressible static file a build produced, so the server sends
// them as they are (brotli at its best quality costs seconds once here instead of CPU on every request).
//   node scripts/precompress.mjs <folder>     (skips lib/, the package's library build, which no browser fetches)
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml)$/;
const dir = process.argv[2];
if (!dir) throw new Error('usage: node scripts/precompress.mjs <folder>');

let count = 0;
function walk(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'lib') walk(path);
    } else if (COMPRESSIBLE.test(entry.name) && statSync(path).size >= 256) {
      const data = readFileSync(path);
      writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
      writeFileSync(
        `${path}.br`,
        brotliCompressSync(data, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        }),
      );
      count++;
    }
  }
}
walk(dir);
console.log(`precompressed ${count} files in ${dir} (.br, .gz)`);
