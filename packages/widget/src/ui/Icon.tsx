/** An icon from `I`; `fill` for solid shapes (stars). */
export function Icon({ d, fill, cls }: { d: string; fill?: boolean; cls?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      class={cls}
      fill={fill ? 'currentColor' : 'none'}
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={d} />
    </svg>
  );
}
