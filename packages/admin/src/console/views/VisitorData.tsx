import type { Visitor, VisitorMatch } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { forgetVisitors } from '../inbox';
import { navigate } from '../router';
import { api, isAdmin } from '../session';

/** Whose data a request is about: the person's user id or email when known (all their records), else this visitor. */
export function personOf(visitor: Pick<Visitor, 'id' | 'userId' | 'email' | 'attributes'>): {
  match: VisitorMatch;
  label: string;
} {
  if (visitor.userId) return { match: { userId: visitor.userId }, label: `user id ${visitor.userId}` };
  const email =
    visitor.email ?? (typeof visitor.attributes?.email === 'string' ? visitor.attributes.email : null);
  if (email) return { match: { email }, label: email };
  return { match: { visitorId: visitor.id }, label: `visitor ${visitor.id}` };
}

/**
 * Data requests from the visitor panel (admins only): download everything stored about the person, or delete it
 * for good after a confirmation that says how many visitor records and what goes.
 */
export function VisitorData({ visitor }: { visitor: Visitor }) {
  const status = useSignal('');
  const error = useSignal('');
  const records = useSignal<Visitor[] | null>(null);
  const busy = useSignal(false);
  const dialog = useRef<HTMLDialogElement>(null);
  if (!isAdmin()) return null;
  const { match, label } = personOf(visitor);

  const run = async (task: () => Promise<void>) => {
    busy.value = true;
    error.value = '';
    try {
      await task();
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = false;
    }
  };

  const download = () =>
    run(async () => {
      const text = await api.exportPerson(match);
      const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `visitor-data-${label.replace(/[^\w.@-]+/g, '-')}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      status.value = `Exported the data of ${label}.`;
    });

  const ask = () =>
    run(async () => {
      records.value = await api.findVisitors(match);
      dialog.current?.showModal();
    });

  const confirm = () =>
    run(async () => {
      const deleted = await api.deletePerson(match);
      forgetVisitors(deleted);
      dialog.current?.close();
      status.value = `Deleted ${deleted.length} visitor record${deleted.length === 1 ? '' : 's'} of ${label}.`;
      navigate('inbox');
    });

  const count = records.value?.length ?? 0;
  return (
    <section class="visitor-data" aria-label="Data request">
      <h3>Data request</h3>
      <p class="muted">For {label}, every visitor record of theirs.</p>
      <div class="row">
        <button type="button" disabled={busy.value} onClick={download}>
          Export data
        </button>
        <button type="button" class="danger" disabled={busy.value} onClick={ask}>
          Delete data…
        </button>
      </div>
      <p role="status">{status.value}</p>
      {error.value && <p role="alert">{error.value}</p>}
      <dialog ref={dialog} aria-labelledby="delete-data-title">
        <h3 id="delete-data-title">Delete all data of {label}?</h3>
        <p>
          {count} visitor record{count === 1 ? '' : 's'} with their conversations, messages, tickets, ratings
          and files will be deleted for good. This cannot be undone.
        </p>
        <div class="row">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="button" class="danger" disabled={busy.value} onClick={confirm}>
            Delete for good
          </button>
        </div>
      </dialog>
    </section>
  );
}
