/** What a responder is given: the visitor's question and only the passages retrieved from the help center. */
export interface ResponderInput {
  question: string;
  /** The visitor's locale, so the reply is worded in their language. */
  locale: string;
  passages: ReadonlyArray<{ articleId: string; title: string; text: string }>;
}

/**
 * Words the bot's answer from retrieved passages. Return null to decline: the bot then hands the conversation
 * to the team, exactly as when search finds no confident answer. The hand-off rules never depend on the
 * responder; it only words an answer the retrieval already judged confident.
 */
export interface Responder {
  respond(input: ResponderInput): Promise<string | null>;
}

/** The default: the best passage itself, verbatim, so the bot never says anything that is not in an article. */
export const passageResponder: Responder = {
  respond: async ({ passages }) => passages[0]?.text ?? null,
};

/** Where an OpenAI-compatible chat-completions endpoint is and how to call it. */
export interface ChatCompletionsOptions {
  /** Base URL (`https://api.example.com/v1`) or the full `…/chat/completions` URL. */
  url: string;
  model: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string | null;
  /** Give up after this long (default 15 s); the bot then hands over. */
  timeoutMs?: number;
}

/** The reply a model gives when the passages do not answer the question. */
export const NO_ANSWER = 'NO_ANSWER';

const SYSTEM = `You answer customers' questions for a support team, using ONLY the help-center passages given.
Reply in one to three short sentences in the customer's language (locale given). Do not add facts, steps, links
or promises that are not in the passages. If the passages do not answer the question, reply exactly ${NO_ANSWER}.`;

/** A responder backed by any OpenAI-compatible chat-completions API, given only the retrieved passages. */
export function chatCompletionsResponder(options: ChatCompletionsOptions): Responder {
  const endpoint = /\/chat\/completions\/?$/.test(options.url)
    ? options.url
    : `${options.url.replace(/\/+$/, '')}/chat/completions`;
  return {
    async respond({ question, locale, passages }) {
      const context = passages.map((p, i) => `[${i + 1}] ${p.title}\n${p.text}`).join('\n\n');
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: options.model,
          temperature: 0,
          messages: [
            { role: 'system', content: SYSTEM },
            { role: 'user', content: `Locale: ${locale}\n\nPassages:\n${context}\n\nQuestion: ${question}` },
          ],
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      if (!response.ok) throw new Error(`responder: ${endpoint} answered HTTP ${response.status}`);
      const body = (await response.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
      const content = body.choices?.[0]?.message?.content;
      if (typeof content !== 'string')
        throw new Error(`responder: ${endpoint} sent no choices[0].message.content`);
      const text = content.trim();
      return text === '' || text.includes(NO_ANSWER) ? null : text.slice(0, 2000);
    },
  };
}
