import type { Visitor } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import type { InboxConversation } from '../api';
import { changeTags } from '../inbox';

// What the site's code told about the visitor and their conversation (#17 part A), in the visitor panel. All of it
// comes from the visitor's browser: shown as text only, and the lead marked unverified.

type Values = Record<string, string | number | boolean | null>;

function Pairs({ values }: { values: Values }) {
  return (
    <>
      {Object.entries(values).map(([key, value]) => (
        <>
          <dt key={`k${key}`}>{key}</dt>
          <dd key={`v${key}`}>{String(value)}</dd>
        </>
      ))}
    </>
  );
}

/** The lead's contact details (unverified: anyone can type them) and the visitor's company. */
export function LeadAndCompany({ visitor }: { visitor: Visitor | null | undefined }) {
  const lead = visitor?.lead;
  const company = visitor?.company;
  return (
    <>
      {lead && (
        <section aria-labelledby="lead-title">
          <h3 id="lead-title">
            Lead <span class="badge unverified">unverified</span>
          </h3>
          <p class="muted small">Given on the site without a sign-in: not checked.</p>
          <dl>
            <Pairs
              // Only what was given: a lead may have just an email.
              values={Object.fromEntries(
                Object.entries({ Name: lead.name, Email: lead.email, Phone: lead.phone }).filter(
                  (pair): pair is [string, string] => !!pair[1],
                ),
              )}
            />
          </dl>
        </section>
      )}
      {company && (
        <section aria-labelledby="company-title">
          <h3 id="company-title">Company</h3>
          <dl>
            <dt>Name</dt>
            <dd>{company.name ?? '—'}</dd>
            <dt>Company id</dt>
            <dd>{company.id}</dd>
            <Pairs values={company.attributes ?? {}} />
          </dl>
        </section>
      )}
    </>
  );
}

/** Fields the site set on the conversation, and its tags, which agents add and remove here. */
export function ConversationFieldsAndTags({ conversation }: { conversation: InboxConversation }) {
  const draft = useSignal('');
  const error = useSignal('');
  const busy = useSignal(false);
  const fields = conversation.fields ?? {};
  const tags = conversation.tags ?? [];

  const change = async (delta: { add?: string[]; remove?: string[] }) => {
    busy.value = true;
    error.value = '';
    try {
      await changeTags(conversation.id, delta);
      if (delta.add) draft.value = '';
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      busy.value = false;
    }
  };

  return (
    <section aria-labelledby="conversation-data-title">
      <h3 id="conversation-data-title">Conversation</h3>
      {Object.keys(fields).length > 0 && (
        <dl aria-label="Conversation fields">
          <Pairs values={fields} />
        </dl>
      )}
      <h4 class="tags-title">Tags</h4>
      {tags.length === 0 ? (
        <p class="muted">No tags.</p>
      ) : (
        <ul class="tags" aria-label="Tags">
          {tags.map((tag) => (
            <li key={tag} class="tag">
              {tag}
              <button
                type="button"
                aria-label={`Remove tag ${tag}`}
                disabled={busy.value}
                onClick={() => void change({ remove: [tag] })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="tag-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.value.trim()) void change({ add: [draft.value] });
        }}
      >
        <label for="tag-input">Add a tag</label>
        <input
          id="tag-input"
          value={draft.value}
          maxLength={40}
          onInput={(e) => (draft.value = (e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" disabled={busy.value}>
          Add
        </button>
      </form>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
    </section>
  );
}
