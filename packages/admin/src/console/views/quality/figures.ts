import type { AnalyticsRow, Metric } from '@frontdesk/protocol';
import { duration, fixed, percent } from './download';

/** A figure of an analytics row: how to read it from the row and how to show it. */
export interface Figure {
  id: Metric | 'conversations';
  label: string;
  value(row: AnalyticsRow): number | null;
  format(value: number | null): string;
  /** For charts: whether the axis is seconds (so ticks read as durations). */
  seconds?: boolean;
}

/** Every figure, in the order the tables show them. */
export const FIGURES: Figure[] = [
  { id: 'conversations', label: 'Conversations', value: (r) => r.conversations, format: (n) => fixed(n, 0) },
  {
    id: 'firstResponseMedian',
    label: 'First response, median',
    value: (r) => r.firstResponseSeconds.median,
    format: duration,
    seconds: true,
  },
  {
    id: 'firstResponseP90',
    label: 'First response, p90',
    value: (r) => r.firstResponseSeconds.p90,
    format: duration,
    seconds: true,
  },
  {
    id: 'resolutionMedian',
    label: 'Resolution, median',
    value: (r) => r.resolutionSeconds.median,
    format: duration,
    seconds: true,
  },
  {
    id: 'resolutionP90',
    label: 'Resolution, p90',
    value: (r) => r.resolutionSeconds.p90,
    format: duration,
    seconds: true,
  },
  { id: 'csat', label: 'CSAT (1–5)', value: (r) => r.csat.average, format: (n) => fixed(n) },
  { id: 'nps', label: 'NPS', value: (r) => r.nps.score, format: (n) => fixed(n, 0) },
  { id: 'solvedRate', label: 'Solved rate', value: (r) => r.solved.rate, format: percent },
  { id: 'reopenRate', label: 'Reopen rate', value: (r) => r.reopen.rate, format: percent },
  { id: 'backlog', label: 'Backlog', value: (r) => r.backlog, format: (n) => fixed(n, 0) },
];

/** The figure with this id (the first one when unknown). */
export const figure = (id: string): Figure => FIGURES.find((f) => f.id === id) ?? FIGURES[0]!;
