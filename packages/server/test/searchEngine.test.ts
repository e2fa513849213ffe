import { SearchIndex } from '@frontdesk/server/search';
import { describe, expect, it } from 'vitest';

const ids = (index: SearchIndex, q: string) => index.search(q).hits.map((h) => h.id);
const highlighted = (index: SearchIndex, q: string) => {
  const { text, highlights } = index.search(q).hits[0]!.passage;
  return highlights.map(([s, e]) => text.slice(s, e));
};

describe('help-search engine (BM25F)', () => {
  it('ranks the one article with the rare word above long articles full of common words', () => {
    const index = new SearchIndex('en');
    index.set({ id: 'refund', title: 'Refunds', body: 'A refund reaches your card within five days.' });
    const filler =
      'How to do this on the site: how to go to the page and how to click on it, then on to the next. ';
    for (let i = 0; i < 5; i++) index.set({ id: `long-${i}`, title: `Guide ${i}`, body: filler.repeat(8) });
    expect(ids(index, 'how to get my refund on the card')[0]).toBe('refund');
  });

  it('completes only the last word while it is typed, and stems English words', () => {
    const index = new SearchIndex('en');
    index.set({ id: 'delivery', title: 'Delivery times', body: 'Parcels are delivered in two days.' });
    index.set({ id: 'returns', title: 'Returns', body: 'Return anything within 30 days.' });
    expect(ids(index, 'deliv')[0]).toBe('delivery');
    // "parc" is a finished word here (another follows): no prefix expansion, so no hit for "Parcels".
    expect(ids(index, 'parc returns')).toEqual(['returns']);
    expect(ids(index, 'returns parc')).toContain('delivery');
    expect(ids(index, 'returning')[0]).toBe('returns');
    expect(highlighted(index, 'parcel delivered')).toEqual(['Parcels', 'delivered']);
  });

  it('stems Czech and Hungarian, folds diacritics both ways, and indexes Chinese by characters and pairs', () => {
    const cs = new SearchIndex('cs');
    cs.set({ id: 'returns', title: 'Vrácení zboží', body: 'Zboží můžete vrátit do 14 dnů.' });
    cs.set({ id: 'delivery', title: 'Doba doručení', body: 'Objednávky odesíláme do 24 hodin.' });
    expect(ids(cs, 'vraceni zbozi')[0]).toBe('returns');
    expect(ids(cs, 'objednávka')[0]).toBe('delivery');
    const hu = new SearchIndex('hu');
    hu.set({ id: 'password', title: 'Elfelejtett jelszó', body: 'Kérjen új jelszavat az e-mail címére.' });
    hu.set({ id: 'delivery', title: 'Szállítás', body: 'A csomagok két nap alatt érkeznek.' });
    expect(ids(hu, 'jelszavak')[0]).toBe('password');
    const zh = new SearchIndex('zh');
    zh.set({ id: 'returns', title: '退货政策', body: '收到商品后七天内可以申请退货。' });
    zh.set({ id: 'password', title: '忘记密码', body: '在登录页面点击忘记密码。' });
    expect(ids(zh, '怎么退货')[0]).toBe('returns');
    expect(highlighted(zh, '怎么退货')).toContain('退货');
  });

  it('gives calibrated 0–1 scores and a verdict: answer for the question itself, none for an unknown topic', () => {
    const index = new SearchIndex('en');
    const topics = [
      'password reset',
      'delivery times',
      'gift cards',
      'store opening hours',
      'invoice copies',
    ];
    for (const t of topics)
      index.set({ id: t, title: t, body: `Everything about ${t}: what to do and when.`, questions: [] });
    const sure = index.search('how do I reset my password');
    expect(sure.hits[0]?.id).toBe('password reset');
    expect(sure.verdict).toBe('answer');
    for (const hit of sure.hits) expect(hit.score).toBeGreaterThanOrEqual(0);
    expect(sure.hits[0]!.score).toBeLessThanOrEqual(1);
    expect(sure.hits[0]!.score).toBeGreaterThan(sure.hits[1]?.score ?? 0);
    expect(index.search('is the volcano near the airport erupting').verdict).toBe('none');
  });

  it('answers a question phrased as a question as surely as its keywords: "how", "do", "I" carry no topic', () => {
    // A small help center whose titles are questions: there "how", "do", "can", "you" are in one or two
    // articles, so their IDF is high, and they used to count as half of what "How do I return an item?" asked.
    const index = new SearchIndex('en');
    index.set({
      id: 'delivery',
      title: 'How long does delivery take?',
      body: 'Orders ship within 24 hours.',
    });
    index.set({ id: 'returns', title: 'Returning an item', body: 'You can return any item within 30 days.' });
    index.set({ id: 'password', title: 'Resetting your password', body: 'Use the link on the login page.' });
    index.set({ id: 'payment', title: 'Which payment methods do you accept?', body: 'Cards and PayPal.' });
    const question = index.search('How do I return an item?');
    const keywords = index.search('return an item');
    expect(question.hits[0]?.id).toBe('returns');
    expect(question.verdict).toBe('answer');
    expect(question.hits[0]!.coverage).toBeCloseTo(keywords.hits[0]!.coverage, 5);
    // Function words alone still cannot make an unrelated question an answer.
    expect(index.search('How do I adopt a hedgehog?').verdict).toBe('none');
  });

  it('searches alternative questions as their own field and applies synonyms', () => {
    const index = new SearchIndex('en', { synonyms: [['refund', 'money back']] });
    index.set({ id: 'refund', title: 'Refunds', body: 'We refund within five days.' });
    index.set({
      id: 'parcel',
      title: 'Tracking',
      body: 'Follow the link in your email.',
      questions: ['Where is my parcel?'],
    });
    expect(ids(index, 'where is my parcel')[0]).toBe('parcel');
    expect(ids(index, 'I want my money back')[0]).toBe('refund');
  });

  it('updates one document at a time: replaced and removed documents are no longer found by their old words', () => {
    const index = new SearchIndex('en');
    index.set({ id: 'a', title: 'Gift cards', body: 'Gift cards never expire.' });
    expect(ids(index, 'gift')).toEqual(['a']);
    index.set({ id: 'a', title: 'Vouchers', body: 'Vouchers never expire.' });
    expect(ids(index, 'gift')).toEqual([]);
    expect(ids(index, 'voucher')).toEqual(['a']);
    index.remove('a');
    expect(ids(index, 'voucher')).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('corrects a typo only when nothing matched as typed', () => {
    const index = new SearchIndex('en');
    index.set({ id: 'password', title: 'Reset your password', body: 'Use the link on the login page.' });
    index.set({ id: 'time', title: 'Opening time', body: 'We open at nine.' });
    expect(ids(index, 'pasword')[0]).toBe('password');
    expect(ids(index, 'forgot pasword ')[0]).toBe('password');
    // "timer" is unknown but "opening" matched: no correction to "time" dilutes the query.
    expect(index.search('opening timer').hits[0]!.matched).toEqual(['open']);
  });
});
