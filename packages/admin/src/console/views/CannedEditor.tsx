import { CannedResponseSchema, check } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { canned } from '../inbox';
import { api } from '../session';

/** The team's canned responses: what `/` offers in the reply box. */
export function CannedEditor() {
  const shortcut = useSignal('');
  const title = useSignal('');
  const text = useSignal('');
  const message = useSignal('');
  const add = async (event: Event) => {
    event.preventDefault();
    const input = {
      id: 'new',
      shortcut: shortcut.value.trim(),
      title: title.value.trim(),
      text: text.value.trim(),
    };
    const result = check(CannedResponseSchema, input);
    if (!result.ok) {
      message.value = result.issues.map((i) => i.message).join('; ');
      return;
    }
    try {
      const { id: _id, ...body } = result.value;
      const created = await api.call<typeof result.value>('createCanned', {}, body);
      canned.value = [...canned.value, created].sort((a, b) => a.shortcut.localeCompare(b.shortcut));
      shortcut.value = title.value = text.value = '';
      message.value = `Added /${created.shortcut}.`;
    } catch (e) {
      message.value = `Not added: ${(e as Error).message}`;
    }
  };
  const remove = async (id: string) => {
    await api.call('deleteCanned', { id });
    canned.value = canned.value.filter((c) => c.id !== id);
  };
  return (
    <main class="page canned-editor">
      <h1>Canned responses</h1>
      <p class="muted">Type / and the shortcut at the start of a reply to use one.</p>
      <table class="tickets">
        <thead>
          <tr>
            <th scope="col">Shortcut</th>
            <th scope="col">Title</th>
            <th scope="col">Text</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {canned.value.map((c) => (
            <tr key={c.id}>
              <td>/{c.shortcut}</td>
              <td>{c.title}</td>
              <td>{c.text}</td>
              <td>
                <button type="button" onClick={() => void remove(c.id)} aria-label={`Delete /${c.shortcut}`}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="card canned-form" onSubmit={add} aria-label="New canned response">
        <h2>New canned response</h2>
        <label>
          Shortcut
          <input
            value={shortcut.value}
            onInput={(e) => (shortcut.value = e.currentTarget.value)}
            placeholder="refund"
          />
        </label>
        <label>
          Title
          <input value={title.value} onInput={(e) => (title.value = e.currentTarget.value)} />
        </label>
        <label>
          Text
          <textarea rows={4} value={text.value} onInput={(e) => (text.value = e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">
          Add
        </button>
        <p role="status" class="muted">
          {message.value}
        </p>
      </form>
    </main>
  );
}
