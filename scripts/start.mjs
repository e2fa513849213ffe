// `pnpm start`: build, then run the reference server in the foreground. Ctrl-C reaches the whole process group;
// the server closes itself and exits 0, and this parent waits for it and exits 0 too, so stopping is quiet
// (a `sh -c "a && b"` script would die of the signal and make pnpm print an error). `--no-build` skips the build.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../packages/server', import.meta.url));
let interrupted = false;
// The terminal sends SIGINT to every process of the group: the child handles it, this process only waits.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (interrupted = true));

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('pnpm', ['build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(interrupted || build.signal === 'SIGINT' ? 0 : (build.status ?? 1));
}
if (interrupted) process.exit(0);

const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
  cwd: serverDir,
  stdio: 'inherit',
});
server.on('exit', (code, signal) => {
  if (signal === 'SIGINT' || signal === 'SIGTERM') process.exit(0);
  process.exit(code ?? 1);
});
process.on('SIGTERM', () => server.kill('SIGTERM')); // a lone SIGTERM (not from a terminal) is passed on
