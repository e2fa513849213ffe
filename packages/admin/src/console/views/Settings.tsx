import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api } from '../session';
import { EmailLog } from './EmailLog';

interface SiteSecret {
  secret: string;
  createdAt: string;
  expiresAt: string | null;
}
type Purpose = 'identity' | 'webhook' | 'email';
type Secrets = Record<Purpose, SiteSecret[]>;

const ABOUT: Record<Purpose, [string, string]> = {
  identity: [
    'Identity secret',
    'Your server signs userHash values and identity JWTs with it. Never put it in a page.',
  ],
  webhook: [
    'Webhook secret',
    'Frontdesk signs webhook deliveries with it; your receiver checks the signature.',
  ],
  email: ['Email secret', 'The bearer token your inbound mail forwarding sends to POST /v1/email/inbound.'],
};

/** Site settings for admins: show and rotate the site's secrets; the email delivery log. */
export function Settings() {
  const secrets = useSignal<Secrets | null>(null);
  const shown = useSignal<Purpose | null>(null);
  const overlap = useSignal('24');
  const message = useSignal('');
  useEffect(() => {
    api.call<Secrets>('secrets').then(
      (value) => (secrets.value = value),
      (error: Error) => (message.value = `Could not load the secrets: ${error.message}`),
    );
  }, []);
  const rotate = async (purpose: Purpose) => {
    const hours = Number(overlap.value);
    if (!/^\d+$/.test(overlap.value) || hours > 720) {
      message.value = 'Overlap: a whole number of hours from 0 to 720.';
      return;
    }
    try {
      secrets.value = await api.call<Secrets>('rotateSecret', {}, { purpose, overlapHours: hours });
      shown.value = purpose;
      message.value = `Rotated the ${ABOUT[purpose][0].toLowerCase()}. The old one is accepted for ${hours} more hours.`;
    } catch (error) {
      message.value = `Not rotated: ${(error as Error).message}`;
    }
  };
  return (
    <main class="page settings">
      <h1>Settings</h1>
      <label>
        Overlap when rotating (hours)
        <input
          inputMode="numeric"
          value={overlap.value}
          onInput={(e) => (overlap.value = e.currentTarget.value)}
        />
      </label>
      {(['identity', 'webhook', 'email'] as const).map((purpose) => (
        <section key={purpose} class="card" aria-label={ABOUT[purpose][0]}>
          <h2>{ABOUT[purpose][0]}</h2>
          <p class="muted">{ABOUT[purpose][1]}</p>
          <ul>
            {secrets.value?.[purpose].map((s) => (
              <li key={s.secret}>
                <code>{shown.value === purpose ? s.secret : `${s.secret.slice(0, 6)}…`}</code>{' '}
                {s.expiresAt
                  ? `previous, accepted until ${new Date(s.expiresAt).toLocaleString()}`
                  : 'current'}
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => (shown.value = shown.value === purpose ? null : purpose)}>
            {shown.value === purpose ? 'Hide' : 'Show'}
          </button>{' '}
          <button type="button" onClick={() => void rotate(purpose)}>
            Rotate
          </button>
        </section>
      ))}
      <p role="status">{message.value}</p>
      <EmailLog />
    </main>
  );
}
