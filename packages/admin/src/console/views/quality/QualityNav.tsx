const PAGES = [
  ['overview', 'Overview', '#/stats'],
  ['analytics', 'Analytics', '#/stats/analytics'],
  ['voice', 'Voice of the customer', '#/stats/voice'],
  ['plans', 'Action plans', '#/stats/plans'],
] as const;

/** The pages of the Quality section. */
export function QualityNav(props: { current: (typeof PAGES)[number][0] | 'team' }) {
  return (
    <nav class="subnav" aria-label="Quality">
      <ul>
        {PAGES.map(([id, label, href]) => (
          <li key={id}>
            <a href={href} aria-current={props.current === id ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
