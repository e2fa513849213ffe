import { useEffect } from 'preact/hooks';
import { link, liveListeners, startInbox, stopInbox, tickets, unread } from './inbox';
import { lazyView } from './lazy';
import { startNotifications } from './notifications';
import { route } from './router';
import { agent, api, isAdmin, presence, setPresence, signOut, sites, switchSite } from './session';
import { helpOpen, onShortcut, SHORTCUTS } from './shortcuts';
import { Inbox } from './views/Inbox';
import { Login } from './views/Login';
import { NotifyToggles } from './views/NotifyToggles';
import { Tickets } from './views/Tickets';

const ConfigEditor = lazyView(() => import('./views/ConfigEditor').then((m) => m.ConfigEditor));
const CannedEditor = lazyView(() => import('./views/CannedEditor').then((m) => m.CannedEditor));
const StatsView = lazyView(() => import('./views/Stats').then((m) => m.StatsView));
const AnalyticsView = lazyView(() => import('./views/quality/Analytics').then((m) => m.AnalyticsView));
const VoiceView = lazyView(() => import('./views/quality/Voice').then((m) => m.VoiceView));
const PlansView = lazyView(() => import('./views/quality/Plans').then((m) => m.PlansView));
const HelpEditor = lazyView(() => import('./views/HelpEditor').then((m) => m.HelpEditor));
const Settings = lazyView(() => import('./views/Settings').then((m) => m.Settings));
const Members = lazyView(() => import('./views/Members').then((m) => m.Members));
const InviteAccept = lazyView(() => import('./views/InviteAccept').then((m) => m.InviteAccept));
const QualityReviews = lazyView(() => import('./views/quality/Reviews').then((m) => m.QualityReviews));

const SECTIONS = [
  ['inbox', 'Inbox'],
  ['tickets', 'Tickets'],
  ['canned', 'Canned'],
  ['help', 'Help center'],
  ['config', 'Config'],
  ['stats', 'Quality'],
  ['members', 'Members'],
  ['reviews', 'Reviews'],
  ['settings', 'Settings'],
] as const;
/** Sections every member sees; the others need the admin role on the current site. */
// Reviews: every agent sees their own (reviewers and managers see more inside).
const FOR_EVERYONE: readonly string[] = ['inbox', 'tickets', 'canned', 'reviews'];

/** The console: sign-in, then the sections. */
export function App() {
  const me = agent.value;
  useEffect(() => {
    if (!me) return;
    const notes = startNotifications(me.id);
    liveListeners.add(notes.notify);
    void startInbox();
    setPresence(presence.value);
    // Closing the console takes the agent offline; coming back restores the chosen status.
    const hide = () => setPresence('offline', true);
    const show = () => document.visibilityState === 'visible' && setPresence(presence.value);
    addEventListener('pagehide', hide);
    document.addEventListener('visibilitychange', show);
    const key = (event: KeyboardEvent) => {
      if (onShortcut(event)) event.preventDefault();
    };
    addEventListener('keydown', key);
    return () => {
      removeEventListener('keydown', key);
      removeEventListener('pagehide', hide);
      document.removeEventListener('visibilitychange', show);
      stopInbox();
      liveListeners.delete(notes.notify);
      notes.stop();
    };
  }, [me?.id]);
  const [section = 'inbox', id] = route.value;
  // The tab title names the section and counts conversations with unread visitor messages: `(3) Inbox — Frontdesk`.
  const count = me ? unread.value.size : 0;
  const label = SECTIONS.find(([s]) => s === section)?.[1] ?? 'Inbox';
  useEffect(() => {
    document.title = me ? `${count ? `(${count}) ` : ''}${label} — Frontdesk` : 'Frontdesk console';
  }, [me?.id, count, label]);
  if (!me) return section === 'invite' ? <InviteAccept /> : <Login />;
  const admin = isAdmin();
  // Quality pages need the manager role on this site (admin includes it).
  const manager = admin || (me.roles ?? []).includes('manager');
  return (
    <div class="shell">
      <nav class="rail" aria-label="Sections">
        <span class="brand">Frontdesk</span>
        {sites.value.length > 1 && (
          <label class="site-select">
            <span class="visually-hidden">Site</span>
            <select
              value={sites.value.find((s) => s.key === api.siteKey)?.key}
              onChange={(e) => switchSite((e.currentTarget as HTMLSelectElement).value)}
            >
              {sites.value.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <ul>
          {SECTIONS.filter(([s]) => admin || FOR_EVERYONE.includes(s) || (s === 'stats' && manager)).map(
            ([s, label]) => (
              <li key={s}>
                <a href={`#/${s}`} aria-current={section === s ? 'page' : undefined}>
                  {label}
                  {s === 'inbox' && unread.value.size > 0 && <span class="count">{unread.value.size}</span>}
                  {s === 'tickets' && tickets.value.some((t) => t.status === 'open') && (
                    <span class="count">{tickets.value.filter((t) => t.status === 'open').length}</span>
                  )}
                </a>
              </li>
            ),
          )}
        </ul>
        <div class="me">
          {/* Green only while the agent is online and the live link is up: away shows as away. */}
          <span
            class={`presence ${link.value === 'open' ? presence.value : link.value}`}
            aria-hidden="true"
          />
          <span>{me.name}</span>
          <label class="presence-select">
            <span class="visually-hidden">Your status</span>
            <select
              value={presence.value}
              onChange={(e) => setPresence((e.currentTarget as HTMLSelectElement).value as 'online' | 'away')}
            >
              <option value="online">Online</option>
              <option value="away">Away</option>
            </select>
          </label>
          <NotifyToggles />
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        </div>
      </nav>
      {section === 'tickets' ? (
        <Tickets />
      ) : section === 'canned' ? (
        <CannedEditor />
      ) : section === 'help' && admin ? (
        <HelpEditor />
      ) : section === 'config' && admin ? (
        <ConfigEditor />
      ) : section === 'stats' && manager ? (
        id === 'analytics' ? (
          <AnalyticsView />
        ) : id === 'voice' ? (
          <VoiceView />
        ) : id === 'plans' || id === 'team' ? (
          <PlansView />
        ) : (
          <StatsView />
        )
      ) : section === 'settings' && admin ? (
        <Settings />
      ) : section === 'members' && admin ? (
        <Members />
      ) : section === 'reviews' ? (
        <QualityReviews />
      ) : (
        <Inbox id={id} />
      )}
      {helpOpen.value && (
        <div class="overlay">
          <div class="card" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
            <h2>Keyboard shortcuts</h2>
            <dl class="shortcuts">
              {SHORTCUTS.map(([k, what]) => (
                <>
                  <dt key={`k${k}`}>
                    <kbd>{k}</kbd>
                  </dt>
                  <dd key={`d${k}`}>{what}</dd>
                </>
              ))}
            </dl>
            <button type="button" autofocus onClick={() => (helpOpen.value = false)}>
              Close
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
