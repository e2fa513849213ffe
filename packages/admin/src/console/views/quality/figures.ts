import type { AnalyticsRow, Metric } from '@frontdesk/protocol';
import { duration, fixed, percent } from './download';

/** A figure of an analytics row: how to read it from the row and how to show it. */
export interface Figure {
  id: Metric | 'conversations';
  label: string;
  value(row: AnalyticsRow): number | null;
  format(value: number | null): string;
  /** For charts: a fixed axis (rates 0–1, CSAT 1–5, NPS −100–100), else the data's, at least up to `floor`. */
  range?: [number, number];
  floor?: number;
}

/** Every figure, in the order the tables show them. */
export const FIGURES: Figure[] = [
  {
    id: 'conversations',
    label: 'Conversations',
    value: (r) => r.conversations,
    format: (n) => fixed(n, 0),
    floor: 4,
  },
  {
    id: 'firstResponseMedian',
    label: 'First response, median',
    value: (r) => r.firstResponseSeconds.median,
    format: duration,
    floor: 60,
  },
  {
    id: 'firstResponseP90',
    label: 'First response, p90',
    value: (r) => r.firstResponseSeconds.p90,
    format: duration,
    floor: 60,
  },
  {
    id: 'resolutionMedian',
    label: 'Resolution, median',
    value: (r) => r.resolutionSeconds.median,
    format: duration,
    floor: 60,
  },
  {
    id: 'resolutionP90',
    label: 'Resolution, p90',
    value: (r) => r.resolutionSeconds.p90,
    format: duration,
    floor: 60,
  },
  { id: 'csat', label: 'CSAT (1–5)', value: (r) => r.csat.average, format: (n) => fixed(n), range: [1, 5] },
  { id: 'nps', label: 'NPS', value: (r) => r.nps.score, format: (n) => fixed(n, 0), range: [-100, 100] },
  { id: 'solvedRate', label: 'Solved rate', value: (r) => r.solved.rate, format: percent, range: [0, 1] },
  { id: 'reopenRate', label: 'Reopen rate', value: (r) => r.reopen.rate, format: percent, range: [0, 1] },
  { id: 'backlog', label: 'Backlog', value: (r) => r.backlog, format: (n) => fixed(n, 0), floor: 4 },
];

/** The figure with this id (the first one when unknown). */
export const figure = (id: string): Figure => FIGURES.find((f) => f.id === id) ?? FIGURES[0]!;
