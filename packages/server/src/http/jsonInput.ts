import type { Issue } from '@frontdesk/protocol';

/** Deepest nesting of arrays and objects a JSON body may have (a site config needs well under 20). */
export const MAX_JSON_DEPTH = 64;

/** Why a JSON text was refused: the issue to answer with. */
export class JsonInputError extends Error {
  override readonly name = 'JsonInputError' as const;
  constructor(readonly issue: Issue) {
    super(issue.message);
  }
}

function issue(path: string, expected: string, received: string): Issue {
  return { path, expected, received, message: `${path}: expected ${expected}, found ${received}` };
}

/**
 * The nesting depth of a JSON text, counted in one pass without recursion (brackets inside strings do not
 * count), stopping as soon as it passes `limit`. Done before `JSON.parse` so a body nested 100,000 deep never
 * reaches a recursive walker.
 */
function depthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return true;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return false;
}

// A UTF-16 surrogate not part of a pair (with the `u` flag a valid pair is one code point and does not match).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** What is wrong with a string for storage: a NUL character or a lone surrogate; null when fine. */
function stringProblem(value: string): string | null {
  if (value.includes('\0')) return 'a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'lone surrogate';
  return null;
}

/**
 * Parse a JSON text for the API: refused (with a {@link JsonInputError} naming the path under `root`) when it is
 * malformed, nested deeper than `maxDepth`, or holds a string or key that cannot be stored — a NUL character
 * (PostgreSQL refuses it) or a lone UTF-16 surrogate (not well-formed Unicode).
 */
export function parseJsonInput(text: string, root = 'body', maxDepth = MAX_JSON_DEPTH): unknown {
  if (depthExceeds(text, maxDepth))
    throw new JsonInputError(issue(root, `JSON nested at most ${maxDepth} levels deep`, 'deeper nesting'));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JsonInputError(issue(root, 'JSON', 'malformed JSON'));
  }
  // Iterative walk (the depth is bounded, but a wide body should not cost stack either).
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem) throw new JsonInputError(issue(path, 'well-formed text', problem));
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push([current[i], `${path}[${i}]`]);
    } else if (current && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current)) {
        const problem = stringProblem(key);
        if (problem) throw new JsonInputError(issue(path, 'keys of well-formed text', problem));
        stack.push([inner, `${path}.${key}`]);
      }
    }
  }
  return value;
}
