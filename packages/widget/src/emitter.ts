import type { WidgetEventName, WidgetEvents, WidgetListener } from './api';

/** The widget's typed events; a throwing listener is reported, never breaks the widget. */
export class Emitter {
  private readonly map = new Map<WidgetEventName, Set<(payload: never) => void>>();

  on<K extends WidgetEventName>(name: K, listener: WidgetListener<K>): () => void {
    let set = this.map.get(name);
    if (!set) {
      set = new Set();
      this.map.set(name, set);
    }
    set.add(listener as (payload: never) => void);
    return () => this.off(name, listener);
  }

  off<K extends WidgetEventName>(name: K, listener: WidgetListener<K>): void {
    this.map.get(name)?.delete(listener as (payload: never) => void);
  }

  emit<K extends WidgetEventName>(name: K, payload: WidgetEvents[K]): void {
    for (const listener of this.map.get(name) ?? []) {
      try {
        (listener as WidgetListener<K>)(payload);
      } catch (error) {
        // A site's listener failing must not break the widget; surface it where developers look.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  clear(): void {
    this.map.clear();
  }
}
