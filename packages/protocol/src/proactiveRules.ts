import type { Issue } from './validate';
import { describeValue } from './validate';

// Cross-field rules of `proactive` (called by validateConfig): what one message's schema cannot see alone.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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

const NEEDS_NUMBER = new Set(['greaterThan', 'lessThan']);
const NO_VALUE = new Set(['exists', 'missing']);

function conditionIssues(conditions: unknown, path: string, out: Issue[]): void {
  if (!Array.isArray(conditions)) return;
  conditions.forEach((condition, i) => {
    if (!isRecord(condition)) return;
    const op = typeof condition.op === 'string' ? condition.op : 'equals';
    const at = `${path}[${i}].value`;
    if (NO_VALUE.has(op)) {
      if (condition.value !== undefined)
        out.push(issue(at, `no value with op "${op}"`, describeValue(condition.value), 'remove value'));
    } else if (condition.value === undefined)
      out.push(issue(at, `a value to compare with (op "${op}")`, 'nothing'));
    else if (NEEDS_NUMBER.has(op) && typeof condition.value !== 'number')
      out.push(issue(at, `a number with op "${op}"`, describeValue(condition.value)));
  });
}

/** Issues of `config.proactive`: duplicate ids, conditions without (or with a needless) value, hours not set. */
export function proactiveIssues(config: Record<string, unknown>, out: Issue[]): void {
  const list = Array.isArray(config.proactive) ? config.proactive : [];
  const ids: string[] = [];
  list.forEach((message, i) => {
    if (!isRecord(message)) return;
    const path = `proactive[${i}]`;
    if (typeof message.id === 'string') {
      const prior = ids.indexOf(message.id);
      if (prior >= 0)
        out.push(
          issue(
            `${path}.id`,
            `an id not used by proactive[${prior}]`,
            JSON.stringify(message.id),
            'give each proactive message its own id',
          ),
        );
      ids.push(message.id);
    }
    const trigger = isRecord(message.trigger) ? message.trigger : {};
    conditionIssues(trigger.attributes, `${path}.trigger.attributes`, out);
    if (isRecord(trigger.event)) conditionIssues(trigger.event.where, `${path}.trigger.event.where`, out);
    if (trigger.businessHours !== undefined && config.businessHours === undefined)
      out.push(
        issue(
          `${path}.trigger.businessHours`,
          'businessHours set in the config (the trigger depends on them)',
          JSON.stringify(trigger.businessHours),
          'add businessHours or remove this condition',
        ),
      );
  });
}
