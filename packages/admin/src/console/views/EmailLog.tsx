import type { EmailDelivery } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api } from '../session';

const KINDS: Record<EmailDelivery['kind'], string> = {
  reply: 'Reply',
  followup: 'Follow-up',
  transcript: 'Transcript',
  digest: 'Digest',
  weekly_summary: 'Weekly summary',
};

/** The email delivery log (admins): what was sent, what waits for a retry and why, what failed. */
export function EmailLog() {
  const log = useSignal<EmailDelivery[] | null>(null);
  const message = useSignal('');
  const load = () =>
    api.call<EmailDelivery[]>('emailDeliveries').then(
      (value) => {
        log.value = value;
        message.value = '';
      },
      (error: Error) => (message.value = `Could not load the email log: ${error.message}`),
    );
  useEffect(() => void load(), []);
  return (
    <section class="card" aria-label="Email deliveries">
      <h2>Email deliveries</h2>
      <p class="muted">
        Emails to visitors and agents, newest first. Pending ones are retried with growing delays until the
        mail server takes them.
      </p>
      {log.value?.length === 0 && <p>No email yet.</p>}
      {log.value && log.value.length > 0 && (
        <table class="tickets">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {log.value.map((d) => (
              <tr key={d.id}>
                <td>{new Date(d.createdAt).toLocaleString()}</td>
                <td>{KINDS[d.kind]}</td>
                <td>{d.to}</td>
                <td>{d.subject}</td>
                <td>
                  {d.status}
                  {d.error && d.status !== 'sent' ? ` (${d.error})` : ''}
                  {d.status === 'pending' && d.attempts > 0
                    ? `, next try ${new Date(d.nextAt).toLocaleTimeString()}`
                    : ''}
                </td>
                <td>{d.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => void load()}>
        Refresh
      </button>
      {message.value && <p role="alert">{message.value}</p>}
    </section>
  );
}
