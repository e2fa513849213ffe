import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Widget } from '../widget';

export const WidgetContext = createContext<Widget | null>(null);

/** The widget this component belongs to. */
export function useWidget(): Widget {
  return useContext(WidgetContext)!;
}
