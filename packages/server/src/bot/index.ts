/**
 * The answer bot's pluggable parts (`@frontdesk/server/bot`): the `Responder` interface that words answers from
 * retrieved passages, the default that quotes the passage, and the OpenAI-compatible chat-completions adapter.
 */
export type { ChatCompletionsOptions, Responder, ResponderInput } from './responder';
export { chatCompletionsResponder, NO_ANSWER, passageResponder } from './responder';
