/** Texts of emails and of the follow-up page, per widget locale. `{site}` and `{n}` are filled in. */
const EN = {
  replySubject: 'New reply from {site}',
  replyIntro: 'You have a new reply in your conversation with {site}. Answer this email to reply.',
  transcriptSubject: 'Your conversation with {site}',
  transcriptIntro: 'Here is the transcript of your conversation with {site}.',
  followupSubject: 'Is your problem solved?',
  followupIntro: '{site} marked your conversation as resolved. Is your problem solved?',
  yes: 'Yes, it is solved',
  no: 'No, reopen it',
  you: 'You',
  replyAbove: '— Write your answer above this line —',
  digestSubject: '{n} unanswered conversations at {site}',
  digestIntro: 'These conversations are waiting for an answer:',
  pageYes: 'Thank you! We are glad your problem is solved.',
  pageNo: 'We reopened your conversation: the team will get back to you.',
  pageRate: 'How would you rate our help?',
  pageSend: 'Send rating',
  pageThanks: 'Thanks for your rating!',
  pageInvalid: 'This link is not valid any more.',
};

export type EmailTexts = typeof EN;

const CS: EmailTexts = {
  replySubject: 'Nová odpověď od {site}',
  replyIntro: 'V konverzaci s {site} máte novou odpověď. Odpovědět můžete na tento e-mail.',
  transcriptSubject: 'Vaše konverzace s {site}',
  transcriptIntro: 'Posíláme přepis vaší konverzace s {site}.',
  followupSubject: 'Je váš problém vyřešen?',
  followupIntro: '{site} označil vaši konverzaci jako vyřešenou. Je váš problém vyřešen?',
  yes: 'Ano, je vyřešen',
  no: 'Ne, otevřít znovu',
  you: 'Vy',
  replyAbove: '— Odpověď napište nad tento řádek —',
  digestSubject: 'Nezodpovězené konverzace na {site}: {n}',
  digestIntro: 'Tyto konverzace čekají na odpověď:',
  pageYes: 'Děkujeme! Jsme rádi, že je váš problém vyřešen.',
  pageNo: 'Konverzaci jsme znovu otevřeli: tým se vám ozve.',
  pageRate: 'Jak hodnotíte naši pomoc?',
  pageSend: 'Odeslat hodnocení',
  pageThanks: 'Děkujeme za hodnocení!',
  pageInvalid: 'Tento odkaz už neplatí.',
};

const LV: EmailTexts = {
  replySubject: 'Jauna atbilde no {site}',
  replyIntro: 'Jūsu sarunā ar {site} ir jauna atbilde. Atbildiet uz šo e-pastu, lai turpinātu.',
  transcriptSubject: 'Jūsu saruna ar {site}',
  transcriptIntro: 'Šeit ir jūsu sarunas ar {site} atšifrējums.',
  followupSubject: 'Vai jūsu problēma ir atrisināta?',
  followupIntro: '{site} atzīmēja jūsu sarunu kā atrisinātu. Vai jūsu problēma ir atrisināta?',
  yes: 'Jā, atrisināta',
  no: 'Nē, atvērt no jauna',
  you: 'Jūs',
  replyAbove: '— Rakstiet atbildi virs šīs rindas —',
  digestSubject: 'Neatbildētas sarunas vietnē {site}: {n}',
  digestIntro: 'Šīs sarunas gaida atbildi:',
  pageYes: 'Paldies! Priecājamies, ka problēma ir atrisināta.',
  pageNo: 'Mēs atkal atvērām jūsu sarunu: komanda ar jums sazināsies.',
  pageRate: 'Kā jūs novērtētu mūsu palīdzību?',
  pageSend: 'Nosūtīt vērtējumu',
  pageThanks: 'Paldies par vērtējumu!',
  pageInvalid: 'Šī saite vairs nav derīga.',
};

const HU: EmailTexts = {
  replySubject: 'Új válasz: {site}',
  replyIntro:
    'Új válasz érkezett a(z) {site} csapatával folytatott beszélgetésében. Válaszoljon erre az e-mailre.',
  transcriptSubject: 'Beszélgetése: {site}',
  transcriptIntro: 'Íme a(z) {site} csapatával folytatott beszélgetés átirata.',
  followupSubject: 'Megoldódott a problémája?',
  followupIntro: 'A(z) {site} megoldottnak jelölte a beszélgetést. Megoldódott a problémája?',
  yes: 'Igen, megoldódott',
  no: 'Nem, nyissák meg újra',
  you: 'Ön',
  replyAbove: '— Válaszát e sor fölé írja —',
  digestSubject: 'Megválaszolatlan beszélgetések ({site}): {n}',
  digestIntro: 'Ezek a beszélgetések válaszra várnak:',
  pageYes: 'Köszönjük! Örülünk, hogy a probléma megoldódott.',
  pageNo: 'Újranyitottuk a beszélgetést: a csapat hamarosan jelentkezik.',
  pageRate: 'Hogyan értékeli a segítségünket?',
  pageSend: 'Értékelés küldése',
  pageThanks: 'Köszönjük az értékelést!',
  pageInvalid: 'Ez a hivatkozás már nem érvényes.',
};

const ZH: EmailTexts = {
  replySubject: '{site} 的新回复',
  replyIntro: '您与 {site} 的对话有新回复。直接回复此邮件即可作答。',
  transcriptSubject: '您与 {site} 的对话',
  transcriptIntro: '以下是您与 {site} 的对话记录。',
  followupSubject: '您的问题解决了吗？',
  followupIntro: '{site} 已将您的对话标记为已解决。您的问题解决了吗？',
  yes: '是，已解决',
  no: '否，重新打开',
  you: '您',
  replyAbove: '— 请在此行上方写下回复 —',
  digestSubject: '{site} 有 {n} 个未回复的对话',
  digestIntro: '以下对话正在等待回复：',
  pageYes: '谢谢！很高兴您的问题已解决。',
  pageNo: '我们已重新打开您的对话，团队会尽快回复您。',
  pageRate: '您如何评价我们的帮助？',
  pageSend: '提交评分',
  pageThanks: '感谢您的评分！',
  pageInvalid: '此链接已失效。',
};

const AR: EmailTexts = {
  replySubject: 'رد جديد من {site}',
  replyIntro: 'لديك رد جديد في محادثتك مع {site}. يمكنك الرد على هذه الرسالة مباشرة.',
  transcriptSubject: 'محادثتك مع {site}',
  transcriptIntro: 'إليك نص محادثتك مع {site}.',
  followupSubject: 'هل حُلّت مشكلتك؟',
  followupIntro: 'وضع {site} علامة "تم الحل" على محادثتك. هل حُلّت مشكلتك؟',
  yes: 'نعم، حُلّت',
  no: 'لا، أعد فتحها',
  you: 'أنت',
  replyAbove: '— اكتب ردك فوق هذا السطر —',
  digestSubject: '{n} محادثات بلا رد في {site}',
  digestIntro: 'هذه المحادثات تنتظر ردًا:',
  pageYes: 'شكرًا لك! يسعدنا أن مشكلتك قد حُلّت.',
  pageNo: 'أعدنا فتح محادثتك، وسيتواصل معك الفريق.',
  pageRate: 'كيف تقيّم مساعدتنا؟',
  pageSend: 'إرسال التقييم',
  pageThanks: 'شكرًا على تقييمك!',
  pageInvalid: 'هذا الرابط لم يعد صالحًا.',
};

const ALL: Record<string, EmailTexts> = { en: EN, cs: CS, lv: LV, hu: HU, zh: ZH, ar: AR };

/** Locales written right to left. */
const RTL = new Set(['ar']);

/** The email locale for a visitor: theirs when the site enables it and emails have it, else the site's default. */
export function emailLocale(
  visitorLocale: string | null,
  enabled: readonly string[],
  fallback: string,
): string {
  const language = visitorLocale?.toLowerCase().split(/[-_]/)[0];
  if (language && enabled.includes(language) && ALL[language]) return language;
  return ALL[fallback] ? fallback : 'en';
}

/** The texts of `locale` (English when unknown), with a filler for `{site}` and `{n}`. */
export function textsFor(locale: string): {
  t: (key: keyof EmailTexts, values?: Record<string, string | number>) => string;
  dir: 'rtl' | 'ltr';
  locale: string;
} {
  const texts = ALL[locale] ?? EN;
  return {
    locale: ALL[locale] ? locale : 'en',
    dir: RTL.has(locale) ? 'rtl' : 'ltr',
    t: (key, values = {}) => texts[key].replace(/\{(\w+)\}/g, (m, name: string) => String(values[name] ?? m)),
  };
}

/** Every locale emails are written in (a test checks each has every text). */
export const EMAIL_LOCALES = Object.keys(ALL);
