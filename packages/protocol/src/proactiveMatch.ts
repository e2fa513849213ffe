import type { Attributes } from './common';
import type { ProactiveCondition } from './proactive';

// The pure rules of proactive triggers, shared by the widget (which evaluates them) and tests.

/** Does `url` match a trigger's URL pattern? `*` stands for any characters; everything else is literal. */
export function matchUrl(pattern: string, url: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(url);
}

/** Does one condition hold for `data` (visitor attributes or an event's data)? */
export function matchCondition(condition: ProactiveCondition, data: Attributes | undefined): boolean {
  const found = data?.[condition.key];
  const present = found !== undefined && found !== null;
  const want = condition.value;
  switch (condition.op) {
    case 'exists':
      return present;
    case 'missing':
      return !present;
    case 'notEquals':
      return !present || String(found) !== String(want);
    case 'contains':
      return (
        present &&
        String(found)
          .toLowerCase()
          .includes(String(want ?? '').toLowerCase())
      );
    case 'greaterThan':
      return present && Number(found) > Number(want);
    case 'lessThan':
      return present && Number(found) < Number(want);
    default:
      return present && String(found) === String(want);
  }
}

/** Do all conditions hold (true for none)? */
export function matchConditions(
  conditions: readonly ProactiveCondition[],
  data: Attributes | undefined,
): boolean {
  return conditions.every((condition) => matchCondition(condition, data));
}
