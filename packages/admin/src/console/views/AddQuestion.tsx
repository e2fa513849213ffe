import type { Article } from '@frontdesk/protocol';
import { useSignal } from '@preact/signals';
import { api } from '../session';

/** The locale of `article` to add a question to: the console's language when the article has it, else its first. */
function localeOf(article: Article, preferred: string): string {
  const locales = Object.keys(article.translations);
  return (
    locales.find((l) => l === preferred) ?? locales.find((l) => l === preferred.split('-')[0]) ?? locales[0]!
  );
}

/**
 * "Add as alternative question to article…" on a visitor's message: pick an article, one click adds the message
 * as one of its alternative questions, so the next visitor who asks it that way finds the article.
 */
export function AddQuestion(props: { text: string }) {
  const open = useSignal(false);
  const articles = useSignal<Article[] | null>(null);
  const chosen = useSignal('');
  const status = useSignal('');
  const preferred = navigator.language || 'en';

  const show = async () => {
    open.value = true;
    status.value = '';
    try {
      articles.value ??= await api.agentArticles();
      chosen.value ||= articles.value[0]?.id ?? '';
    } catch (e) {
      status.value = `Could not load articles: ${(e as Error).message}`;
    }
  };
  const add = async () => {
    const article = articles.value?.find((a) => a.id === chosen.value);
    if (!article) return;
    const locale = localeOf(article, preferred);
    try {
      await api.addQuestion(article.id, locale, props.text);
      status.value = `Added to “${article.translations[locale]?.title}” (${locale}).`;
      open.value = false;
    } catch (e) {
      status.value = `Not added: ${(e as Error).message}`;
    }
  };

  return (
    <div class="add-question">
      {open.value ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label>
            Article
            <select value={chosen.value} onChange={(e) => (chosen.value = e.currentTarget.value)}>
              {(articles.value ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.translations[localeOf(a, preferred)]?.title ?? a.slug}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Add question</button>
          <button type="button" onClick={() => (open.value = false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" class="link" onClick={() => void show()}>
          Add as alternative question to article…
        </button>
      )}
      {status.value && (
        <span class="add-question-status" role="status">
          {status.value}
        </span>
      )}
    </div>
  );
}
