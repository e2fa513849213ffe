import type { RouteName } from '@frontdesk/protocol';
import { routeTarget } from '../../../apiRequest';
import { api } from '../../session';

/**
 * Save what a quality route answers as a file (`format=csv|json`, or the weekly summary). The token goes in the
 * `Authorization` header (the server refuses tokens in URLs), so the file is fetched and handed over as a blob.
 */
export async function download(route: RouteName, query: Record<string, string | undefined>): Promise<string> {
  const url = new URL(routeTarget(route, {}).path, api.base);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') url.searchParams.set(k, v);
  const response = await fetch(url, { headers: api.token ? { authorization: `Bearer ${api.token}` } : {} });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return name;
}

/** A duration in seconds as people read it. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A share 0–1 as a percentage. */
export const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

/** A figure with `digits` decimals, or a dash. */
export const fixed = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));
