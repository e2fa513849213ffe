// English texts of the proactive bubble, loaded with it (`texts.ts` lists them with the others).
export default {
  'proactive.label': 'Message from {name}',
  'proactive.reply': 'Write a reply…',
  'proactive.send': 'Send reply',
  'proactive.dismiss': 'Dismiss',
};
