import type { SiteRole } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { route } from '../../router';
import { CalibrationView } from './Calibration';
import { Disputes } from './Disputes';
import { MyReviews } from './MyReviews';
import { Queue } from './Queue';
import { qualityApi } from './qualityApi';
import { ReviewForm } from './ReviewForm';
import { Scores } from './Scores';

const TABS: [string, string, SiteRole][] = [
  ['queue', 'Queue', 'reviewer'],
  ['mine', 'My reviews', 'agent'],
  ['disputes', 'Disputes', 'manager'],
  ['calibration', 'Calibration', 'reviewer'],
  ['scores', 'QA scores', 'manager'],
];

const IMPLIES: Record<SiteRole, SiteRole[]> = {
  admin: ['admin', 'manager', 'reviewer', 'agent'],
  manager: ['manager', 'reviewer'],
  reviewer: ['reviewer'],
  agent: ['agent'],
};
const can = (roles: SiteRole[], need: SiteRole) => roles.some((r) => IMPLIES[r].includes(need));

/**
 * Quality reviews (`#/reviews/<tab>`): the review queue and form for reviewers, an agent's own reviews, disputes
 * and QA scores for managers, calibration. Tabs follow the roles `GET /v1/agent/me` answers; the server checks
 * every call again.
 */
export function QualityReviews() {
  const roles = useSignal<SiteRole[] | null>(null);
  const error = useSignal('');
  useEffect(() => {
    qualityApi
      .roles()
      .then((r) => (roles.value = r))
      .catch((e: Error) => (error.value = e.message));
  }, []);
  if (!roles.value) return <main class="page muted">{error.value || 'Loading…'}</main>;
  const mine = roles.value;
  const tabs = TABS.filter(([, , need]) => can(mine, need));
  const [, tab = tabs[0]?.[0] ?? 'mine', a, b] = route.value;
  const current = tab === 'review' ? 'queue' : tab === 'calibrate' ? 'calibration' : tab;
  return (
    <main class="page quality">
      <div class="list-head">
        <h1>Reviews</h1>
        <nav aria-label="Review views">
          <ul class="tabs">
            {tabs.map(([id, label]) => (
              <li key={id}>
                <a href={`#/reviews/${id}`} aria-current={current === id ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {tab === 'review' && a ? (
        <ReviewForm conversationId={a} />
      ) : tab === 'calibrate' && a && b ? (
        <ReviewForm calibrationId={a} conversationId={b} />
      ) : tab === 'queue' && can(mine, 'reviewer') ? (
        <Queue />
      ) : tab === 'disputes' && can(mine, 'manager') ? (
        <Disputes />
      ) : tab === 'calibration' && can(mine, 'reviewer') ? (
        <CalibrationView id={a} manager={can(mine, 'manager')} />
      ) : tab === 'scores' && can(mine, 'manager') ? (
        <Scores />
      ) : (
        <MyReviews />
      )}
    </main>
  );
}
