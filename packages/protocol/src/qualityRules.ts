import type { Issue } from './validate';
import { describeValue } from './validate';

// Cross-field rules of `quality` (rubrics and sampling) that the schema alone cannot express.

function issue(path: string, expected: string, received: string, suggestion?: string): Issue {
  const tail = suggestion ? `; ${suggestion}` : '';
  return {
    path,
    expected,
    received,
    ...(suggestion ? { suggestion } : {}),
    message: `${path}: expected ${expected}, found ${received}${tail}`,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Issues of `config.quality`: repeated ids, rules that name no rubric or miss their parameter. */
export function qualityIssues(config: Record<string, unknown>, out: Issue[]): void {
  const quality = config.quality;
  if (!isRecord(quality)) return;
  const rubrics = Array.isArray(quality.rubrics) ? quality.rubrics : [];
  const rubricIds: string[] = [];
  rubrics.forEach((rubric, i) => {
    if (!isRecord(rubric)) return;
    if (typeof rubric.id === 'string') {
      const prior = rubricIds.indexOf(rubric.id);
      if (prior >= 0)
        out.push(
          issue(
            `quality.rubrics[${i}].id`,
            `a rubric id not used by rubrics[${prior}]`,
            describeValue(rubric.id),
          ),
        );
      rubricIds.push(rubric.id);
    }
    const criteria = Array.isArray(rubric.criteria) ? rubric.criteria : [];
    const ids: string[] = [];
    let counted = 0;
    criteria.forEach((criterion, j) => {
      if (!isRecord(criterion)) return;
      const path = `quality.rubrics[${i}].criteria[${j}]`;
      if (typeof criterion.id === 'string') {
        const prior = ids.indexOf(criterion.id);
        if (prior >= 0)
          out.push(
            issue(
              `${path}.id`,
              `a criterion id not used by criteria[${prior}] of the same rubric`,
              describeValue(criterion.id),
            ),
          );
        ids.push(criterion.id);
      }
      if (criterion.weight !== 0) counted++;
    });
    if (criteria.length > 0 && counted === 0)
      out.push(
        issue(
          `quality.rubrics[${i}].criteria`,
          'at least one criterion with a weight above 0',
          'every weight 0',
          'the total would never have a value',
        ),
      );
  });
  const rules = Array.isArray(quality.sampling) ? quality.sampling : [];
  rules.forEach((rule, i) => {
    if (!isRecord(rule)) return;
    const path = `quality.sampling[${i}]`;
    if (rubricIds.length === 0)
      out.push(issue(path, 'a rubric in quality.rubrics to review sampled conversations with', 'no rubric'));
    if (typeof rule.rubric === 'string' && rubricIds.length > 0 && !rubricIds.includes(rule.rubric))
      out.push(
        issue(
          `${path}.rubric`,
          `the id of a rubric in quality.rubrics (${rubricIds.join(', ')})`,
          describeValue(rule.rubric),
        ),
      );
    if (rule.when === 'random' && rule.share === undefined)
      out.push(
        issue(
          `${path}.share`,
          'a share from 0 to 1 for a random rule',
          'nothing',
          'e.g. share: 0.05 samples 5 %',
        ),
      );
    const own: Record<string, string> = {
      share: 'random',
      csatAtMost: 'lowCsat',
      firstResponseOverMinutes: 'slowFirstResponse',
      agentDaysUnder: 'newAgent',
    };
    for (const [key, when] of Object.entries(own))
      if (rule[key] !== undefined && rule.when !== when)
        out.push(
          issue(
            `${path}.${key}`,
            `${key} only on a "${when}" rule`,
            describeValue(rule[key]),
            `remove it or set when: "${when}"`,
          ),
        );
  });
}
