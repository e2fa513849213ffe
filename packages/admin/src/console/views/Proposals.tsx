import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { QuestionProposal } from '../api';
import { api } from '../session';

/**
 * Questions visitors confirmed this article answered ("Yes, that answered it" after a search), proposed as
 * alternative questions: the admin accepts (added to the article) or dismisses each.
 */
export function Proposals(props: {
  articleId: string;
  onAccepted: (locale: string, question: string) => void;
}) {
  const list = useSignal<QuestionProposal[]>([]);
  const status = useSignal('');
  useEffect(() => {
    let live = true;
    api
      .proposals()
      .then((all) => {
        if (live) list.value = all.filter((p) => p.articleId === props.articleId);
      })
      .catch((e: Error) => (status.value = `Could not load proposed questions: ${e.message}`));
    return () => {
      live = false;
    };
  }, [props.articleId]);

  const resolve = async (p: QuestionProposal, accept: boolean) => {
    try {
      await api.resolveProposal(p.id, accept);
      list.value = list.value.filter((x) => x.id !== p.id);
      if (accept) props.onAccepted(p.locale, p.question);
      status.value = accept ? `Added “${p.question}”.` : `Dismissed “${p.question}”.`;
    } catch (e) {
      status.value = `Not changed: ${(e as Error).message}`;
    }
  };

  if (list.value.length === 0 && !status.value) return null;
  return (
    <section class="proposals" aria-label="Proposed questions">
      <h3>Proposed by visitors</h3>
      <ul>
        {list.value.map((p) => (
          <li key={p.id}>
            <span>
              {p.question} <small>({p.locale})</small>
            </span>
            <button type="button" onClick={() => void resolve(p, true)}>
              Accept
            </button>
            <button type="button" onClick={() => void resolve(p, false)}>
              Dismiss
            </button>
          </li>
        ))}
      </ul>
      {status.value && <p role="status">{status.value}</p>}
    </section>
  );
}
