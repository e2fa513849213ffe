// Types of `scripts/size.mjs` for the tests that call it (`packages/widget/e2e/size.e2e.ts`).

/** One budgeted figure: a widget state, a lazy feature, the loader or the client. */
export interface SizeResult {
  /** `loader`, `idle`, `panel`, `conversation`, `article`, `proactive`, `client`, `clientHttp`. */
  key: string;
  name: string;
  /** Budget in bytes of gzip (level 9). */
  budget: number;
  /** False while the budget is a printed target, not a failure. */
  enforced: boolean;
  /** Sum of the files' gzip bytes. */
  gzip: number;
  /** Sum of the files' minified bytes. */
  raw: number;
  files: { file: string; raw: number; gzip: number }[];
}

/** Build what ships in memory and measure every budgeted figure. */
export function measureSizes(): Promise<SizeResult[]>;

/** Print one line per figure; returns how many enforced budgets are broken. */
export function report(results: SizeResult[]): number;
