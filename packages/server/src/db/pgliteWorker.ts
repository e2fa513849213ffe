/**
 * The worker thread that owns the embedded database (see `pglite.ts`): PGlite's WebAssembly PostgreSQL runs
 * here, so a slow statement never stalls HTTP and WebSocket handling on the main thread. It answers
 * {@link WorkerRequest}s in the order they arrive; an open transaction holds PGlite's own lock, so statements from
 * outside it wait, as they would in one thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction } from '@electric-sql/pglite';

/** What the main thread asks; `id` pairs the answer. */
export type WorkerRequest = { id: number } & (
  | { op: 'query'; text: string; params: unknown[]; tx?: number }
  | { op: 'exec'; script: string }
  | { op: 'begin'; tx: number }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'listen'; channel: string }
  | { op: 'unlisten'; channel: string }
  | { op: 'close' }
  /** Test-only (`FRONTDESK_TEST_HOOKS=1`): throw outside any request, as a crash in PGlite would. */
  | { op: 'crash' }
);

/** What the worker sends back: an answer, or a notification on a channel the main thread listens on. */
export type WorkerReply =
  | { id: number; ok: true; value?: unknown }
  | { id: number; ok: false; error: WorkerError }
  | { notify: string; payload: string };

/** An error as data: its message and PostgreSQL fields (`code` is the SQL state, e.g. `23505`). */
export type WorkerError = Record<string, unknown> & { message: string };

export interface WorkerOptions {
  dir: string;
  startParams: string[];
}

const port = parentPort;
if (!port) throw new Error('pgliteWorker.ts runs as a worker thread only.');
const options = workerData as WorkerOptions;

/** Why a transaction ends without COMMIT: the main thread asked for a rollback. */
const ROLLBACK = new Error('rollback requested');

interface OpenTx {
  tx: Transaction;
  end: (commit: boolean) => void;
  /** Settles once the transaction committed or rolled back. */
  done: Promise<void>;
}

const txs = new Map<number, OpenTx>();
const listeners = new Map<string, () => Promise<void>>();

function toError(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: WorkerError = { message: error.message, name: error.name };
  for (const [key, value] of Object.entries(error))
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return fields;
}

function begin(db: PGlite, id: number): Promise<void> {
  return new Promise((started, failed) => {
    let end: (commit: boolean) => void = () => undefined;
    const finished = new Promise<void>((resolve, reject) => {
      end = (commit) => (commit ? resolve() : reject(ROLLBACK));
    });
    const done = db
      .transaction(async (tx) => {
        txs.set(id, { tx, end, done });
        started();
        await finished;
      })
      .catch((error: unknown) => {
        if (error !== ROLLBACK) throw error;
      })
      .finally(() => txs.delete(id));
    // BEGIN itself failed: nothing was registered.
    done.catch(failed);
  });
}

async function handle(db: PGlite, request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'query': {
      const target = request.tx === undefined ? db : txs.get(request.tx)?.tx;
      if (!target) throw new Error(`transaction ${request.tx} is not open`);
      return (await target.query(request.text, request.params)).rows;
    }
    case 'exec':
      await db.exec(request.script);
      return undefined;
    case 'begin':
      return begin(db, request.tx);
    case 'end': {
      const open = txs.get(request.tx);
      if (!open) throw new Error(`transaction ${request.tx} is not open`);
      open.end(request.commit);
      return open.done;
    }
    case 'listen': {
      if (listeners.has(request.channel)) return undefined;
      const stop = await db.listen(request.channel, (payload) =>
        port!.postMessage({ notify: request.channel, payload } satisfies WorkerReply),
      );
      listeners.set(request.channel, stop);
      return undefined;
    }
    case 'unlisten':
      await listeners.get(request.channel)?.();
      listeners.delete(request.channel);
      return undefined;
    case 'close':
      await db.close();
      return undefined;
    case 'crash':
      if (process.env.FRONTDESK_TEST_HOOKS !== '1') throw new Error('crash is a test-only request');
      setImmediate(() => {
        throw new Error('crash requested by FRONTDESK_TEST_HOOKS');
      });
      return undefined;
  }
}

const db = await PGlite.create(options.dir, {
  startParams: [...PGlite.defaultStartParams, ...options.startParams],
});
port.on('message', (request: WorkerRequest) => {
  handle(db, request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({ id: request.id, ok: false, error: toError(error) } satisfies WorkerReply),
  );
});
port.postMessage({ id: 0, ok: true } satisfies WorkerReply);
