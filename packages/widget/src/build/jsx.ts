// `preact/jsx-runtime` reduced to what the widget's compiled JSX calls. The build aliases the runtime to this file:
// Preact's own also carries server-rendering helpers and dev fields the browser bundle never uses.
import { type ComponentChildren, createElement, Fragment, type VNode } from 'preact';

export { Fragment };

/** `jsx(type, props, key)` as the automatic runtime calls it; children are already in `props`. */
export function jsx(
  type: Parameters<typeof createElement>[0],
  props: Record<string, unknown>,
  key?: unknown,
): VNode {
  return createElement(type as string, key === undefined ? props : { ...props, key }) as VNode<{
    children?: ComponentChildren;
  }>;
}

export { jsx as jsxs };
