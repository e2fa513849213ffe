import { type ConversationStatus, OutcomeSchema } from '@frontdesk/protocol';
import { when } from '../format';
import { tickets } from '../inbox';
import { api } from '../session';
import { AttachmentLink } from './AttachmentLink';

const OUTCOMES = OutcomeSchema.options;

/** Tickets created from forms, newest first, with status and outcome. */
export function Tickets() {
  const update = async (id: string, patch: { status?: ConversationStatus; outcome?: string | null }) => {
    await api.updateTicket(id, patch);
    tickets.value = tickets.value.map((t) => (t.id === id ? ({ ...t, ...patch } as typeof t) : t));
  };
  return (
    <main class="page">
      <h1>Tickets</h1>
      {tickets.value.length === 0 ? (
        <p class="empty">No tickets yet. Forms in the widget create them.</p>
      ) : (
        <table class="tickets">
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Form</th>
              <th scope="col">Details</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {tickets.value.map((t) => (
              <tr key={t.id}>
                <td>
                  {t.conversationId ? (
                    <a href={`#/inbox/${encodeURIComponent(t.conversationId)}`}>{t.reference}</a>
                  ) : (
                    t.reference
                  )}
                </td>
                <td>{t.formId}</td>
                <td>
                  <dl class="values">
                    {Object.entries(t.values).map(([k, v]) => {
                      // A file field holds its upload's id: show the file, not the id.
                      const file = (t.attachments ?? []).find((a) => a.id === v);
                      return (
                        <>
                          <dt key={`k${k}`}>{k}</dt>
                          <dd key={`v${k}`}>
                            {file ? (
                              <AttachmentLink file={file} />
                            ) : Array.isArray(v) ? (
                              v.join(', ')
                            ) : (
                              String(v)
                            )}
                          </dd>
                        </>
                      );
                    })}
                  </dl>
                </td>
                <td>{when(t.createdAt)}</td>
                <td>
                  <select
                    aria-label={`Status of ${t.reference}`}
                    value={t.status}
                    onChange={(e) =>
                      void update(t.id, {
                        status: (e.currentTarget as HTMLSelectElement).value as ConversationStatus,
                      })
                    }
                  >
                    <option value="open">open</option>
                    <option value="pending">pending</option>
                    <option value="resolved">resolved</option>
                  </select>
                </td>
                <td>
                  <select
                    aria-label={`Outcome of ${t.reference}`}
                    value={t.outcome ?? ''}
                    onChange={(e) =>
                      void update(t.id, { outcome: (e.currentTarget as HTMLSelectElement).value || null })
                    }
                  >
                    <option value="">—</option>
                    {OUTCOMES.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
