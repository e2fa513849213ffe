// English texts of the Help section's search results and topics, loaded with it (`texts.ts` lists them too).
export default {
  'help.results.one': '{n} article found',
  'help.results.other': '{n} articles found',
  'help.noResults': 'No articles match your search.',
  'help.categories': 'Topics',
  'help.loading': 'Loading…',
  'error.generic': 'Something went wrong. Please try again.',
};
