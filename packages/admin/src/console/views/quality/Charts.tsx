/**
 * Charts drawn as plain SVG by the console. Why no chart library: the console needs three chart shapes (a trend
 * line, bars per agent/team/channel, bars per hour); the small libraries still add tens of KB and their own
 * accessibility story, while these are ~200 lines we can make accessible (title, description, a data table) and
 * colour-blind-safe (the Okabe–Ito palette, plus a distinct dash and marker per series so colour is never the only
 * cue).
 */
import { useId } from 'preact/hooks';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies, and dark enough on white. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00'] as const;
const DASHES = ['', '6 3', '2 3', '8 3 2 3'] as const;

export interface Series {
  name: string;
  values: Array<number | null>;
}

interface ChartProps {
  /** Says what the chart shows; also the accessible name. */
  title: string;
  /** A fixed axis `[min, max]`; else from 0 (or the lowest value) to a round number above the data. */
  range?: [number, number];
  /** The axis reaches at least this high (so tiny values do not fill the chart with repeated ticks). */
  floor?: number;
  /** A sentence for screen readers, e.g. the highest and lowest values. */
  description: string;
  format: (value: number) => string;
}

/** Rounded-up axis maximum with four even steps. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max / 4));
  const unit = [1, 2, 2.5, 5, 10].map((m) => m * step).find((u) => u * 4 >= max) ?? step * 10;
  return unit * 4;
}

/** The chart's data as a table, behind a disclosure: the fallback for anyone who cannot read the drawing. */
function DataTable(props: {
  caption: string;
  head: string;
  labels: string[];
  series: Series[];
  format: (n: number) => string;
}) {
  return (
    <details class="chart-data">
      <summary>Data table</summary>
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            {props.series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.labels.map((label, i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {props.series.map((s) => {
                const value = s.values[i];
                return (
                  <td key={s.name}>{value === null || value === undefined ? '—' : props.format(value)}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const W = 720;
const H = 240;
const PAD = { left: 64, right: 16, top: 16, bottom: 36 };

/** A trend: one line per series over the periods (gaps where a period has no value). */
export function LineChart(props: ChartProps & { labels: string[]; series: Series[] }) {
  const id = useId();
  const values = props.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const min = props.range?.[0] ?? Math.min(0, ...values);
  const max = props.range?.[1] ?? niceMax(Math.max(...values, props.floor ?? 0) - min) + min;
  const n = props.labels.length;
  const x = (i: number) => PAD.left + (n <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (n - 1));
  const y = (v: number) => PAD.top + ((max - v) * (H - PAD.top - PAD.bottom)) / (max - min || 1);
  const ticks = [0, 1, 2, 3, 4].map((k) => min + ((max - min) * k) / 4);
  const every = Math.max(1, Math.ceil(n / 8));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}t ${id}d`}>
        <title id={`${id}t`}>{props.title}</title>
        <desc id={`${id}d`}>{props.description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} class="grid" />
            <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end" class="tick">
              {props.format(t)}
            </text>
          </g>
        ))}
        {props.labels.map((label, i) =>
          i % every === 0 ? (
            <text key={label} x={x(i)} y={H - 12} text-anchor="middle" class="tick">
              {label.slice(5)}
            </text>
          ) : null,
        )}
        {props.series.map((s, k) => {
          const color = PALETTE[k % PALETTE.length];
          // Consecutive defined points make one segment; a null starts a new one.
          const segments: string[] = [];
          let current = '';
          s.values.forEach((v, i) => {
            if (v === null) {
              if (current) segments.push(current);
              current = '';
            } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
          });
          if (current) segments.push(current);
          return (
            <g key={s.name} stroke={color} fill={color}>
              {segments.map((d) => (
                <path
                  key={d}
                  d={d}
                  fill="none"
                  stroke-width="2.5"
                  stroke-dasharray={DASHES[k % DASHES.length]}
                />
              ))}
              {s.values.map((v, i) =>
                v === null ? null : k % 2 === 0 ? (
                  <circle key={props.labels[i]} cx={x(i)} cy={y(v)} r="3.5" />
                ) : (
                  <rect key={props.labels[i]} x={x(i) - 3.5} y={y(v) - 3.5} width="7" height="7" />
                ),
              )}
            </g>
          );
        })}
      </svg>
      {props.series.length > 1 && <Legend names={props.series.map((s) => s.name)} />}
      <DataTable
        caption={props.title}
        head="Period"
        labels={props.labels}
        series={props.series}
        format={props.format}
      />
    </figure>
  );
}

function Legend(props: { names: string[] }) {
  return (
    <ul class="legend">
      {props.names.map((name, k) => (
        <li key={name}>
          <svg width="28" height="10" aria-hidden="true">
            <line
              x1="0"
              x2="28"
              y1="5"
              y2="5"
              stroke={PALETTE[k % PALETTE.length]}
              stroke-width="2.5"
              stroke-dasharray={DASHES[k % DASHES.length]}
            />
          </svg>
          {name}
        </li>
      ))}
    </ul>
  );
}

/** Horizontal bars, one per agent, team or channel, each labelled with its value. */
export function BarChart(
  props: ChartProps & { head: string; items: Array<{ label: string; value: number | null }> },
) {
  const id = useId();
  const row = 28;
  const height = PAD.top + props.items.length * row + 8;
  const min = props.range?.[0] ?? 0;
  const max =
    props.range?.[1] ?? niceMax(Math.max(props.floor ?? 0, ...props.items.map((i) => i.value ?? 0)));
  const left = 180;
  // NPS may be negative: bars start at the axis minimum, so their length still orders them.
  const width = (v: number) => ((W - left - 90) * (v - min)) / (max - min || 1);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-labelledby={`${id}t ${id}d`}>
        <title id={`${id}t`}>{props.title}</title>
        <desc id={`${id}d`}>{props.description}</desc>
        {props.items.map((item, i) => {
          const top = PAD.top + i * row;
          return (
            <g key={item.label}>
              <text x={left - 8} y={top + 16} text-anchor="end" class="tick">
                {item.label.length > 24 ? `${item.label.slice(0, 23)}…` : item.label}
              </text>
              {item.value !== null && (
                <rect
                  x={left}
                  y={top + 4}
                  width={Math.max(1, width(item.value))}
                  height={row - 10}
                  fill={PALETTE[0]}
                />
              )}
              <text x={left + (item.value === null ? 0 : width(item.value)) + 6} y={top + 16} class="tick">
                {item.value === null ? 'no data' : props.format(item.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable
        caption={props.title}
        head={props.head}
        labels={props.items.map((i) => i.label)}
        series={[{ name: props.title, values: props.items.map((i) => i.value) }]}
        format={props.format}
      />
    </figure>
  );
}

/** Conversations per hour of the day (0–23) in the site's time zone. */
export function HourChart(props: { hours: number[]; timeZone: string }) {
  const id = useId();
  const max = niceMax(Math.max(4, ...props.hours));
  const slot = (W - PAD.left - PAD.right) / 24;
  const y = (v: number) => PAD.top + ((max - v) * (H - PAD.top - PAD.bottom)) / max;
  const busiest = props.hours.indexOf(Math.max(...props.hours));
  const title = `Conversations by hour (${props.timeZone})`;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}t ${id}d`}>
        <title id={`${id}t`}>{title}</title>
        <desc id={`${id}d`}>
          {props.hours.some(Boolean)
            ? `Busiest hour: ${busiest}:00 with ${props.hours[busiest]}.`
            : 'No conversations.'}
        </desc>
        {[0, 2, 4].map((k) => (
          <g key={k}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y((max * k) / 4)} y2={y((max * k) / 4)} class="grid" />
            <text x={PAD.left - 6} y={y((max * k) / 4) + 4} text-anchor="end" class="tick">
              {Math.round((max * k) / 4)}
            </text>
          </g>
        ))}
        {props.hours.map((n, h) => (
          <g key={h}>
            <rect
              x={PAD.left + h * slot + 2}
              y={y(n)}
              width={slot - 4}
              height={y(0) - y(n)}
              fill={PALETTE[0]}
            />
            {h % 3 === 0 && (
              <text x={PAD.left + h * slot + slot / 2} y={H - 12} text-anchor="middle" class="tick">
                {h}
              </text>
            )}
          </g>
        ))}
      </svg>
      <DataTable
        caption={title}
        head="Hour"
        labels={props.hours.map((_, h) => `${h}:00`)}
        series={[{ name: 'Conversations', values: props.hours }]}
        format={String}
      />
    </figure>
  );
}
