import type { Issue, SiteConfig } from '@frontdesk/protocol';
import { check } from 'recheck';

// Admin-supplied regular expressions run on visitor text (redaction of every message, form field patterns).
// One with catastrophic backtracking (exponential, or polynomial of degree 3 and up) could hold the server for
// seconds per message, so such patterns are refused when a config is pushed. `recheck` proves it by automaton
// analysis (its native binary in a child process, so the event loop keeps serving meanwhile).

const CHECK_TIMEOUT_MS = 10_000;
const verdicts = new Map<string, Promise<string | null>>();

/** Why `source` could backtrack catastrophically (a short reason), or null when it is safe. Cached per pattern. */
export function regexRisk(source: string, flags = ''): Promise<string | null> {
  const key = `${flags}/${source}`;
  let verdict = verdicts.get(key);
  if (!verdict) {
    verdict = check(source, flags, { timeout: CHECK_TIMEOUT_MS }).then(
      (result) => {
        if (result.status === 'safe') return null;
        if (result.status === 'unknown') return 'it could not be proven safe in time; simplify it';
        const { complexity } = result;
        if (complexity.type === 'polynomial' && complexity.degree < 3) return null;
        return `it can take ${complexity.summary} time on text like ${JSON.stringify(result.attack.string.slice(0, 40))}`;
      },
      () => 'it could not be checked; simplify it',
    );
    if (verdicts.size > 1000) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}

/** Issues for every regular expression of a config that could backtrack catastrophically, each with its path. */
export async function configRegexIssues(config: SiteConfig, prefix: string): Promise<Issue[]> {
  const patterns: Array<[string, string, string]> = [];
  config.privacy.redactPatterns.forEach((pattern, i) => {
    patterns.push([`${prefix}.privacy.redactPatterns[${i}]`, pattern, 'g']);
  });
  config.forms.forEach((form, i) => {
    form.fields.forEach((field, j) => {
      // Checked as it runs: the whole value must match.
      if (field.pattern)
        patterns.push([`${prefix}.forms[${i}].fields[${j}].pattern`, `^(?:${field.pattern})$`, '']);
    });
  });
  const issues: Issue[] = [];
  for (const [path, source, flags] of patterns) {
    const risk = await regexRisk(source, flags);
    if (!risk) continue;
    const expected = 'a regular expression without catastrophic backtracking';
    issues.push({ path, expected, received: risk, message: `${path}: expected ${expected}, but ${risk}` });
  }
  return issues;
}
