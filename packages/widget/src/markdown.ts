// The one markdown reader of Frontdesk, as the widget renders it: chat messages (`inline`) and help articles
// (`markdown`), to Preact nodes, never to HTML. The console renders agents' messages, inbox previews and the
// help-editor preview with these same functions, so what an agent sees is what the visitor sees.

export { inline, Link, safeUrl } from './ui/inline';
export { markdown } from './ui/markdown';
