import type { LocalizedText } from '@frontdesk/protocol';

/** The bot's own lines (everything else it says is quoted from articles), in the widget's languages. */
export const BOT_TEXTS: Record<'handoff' | 'replyIn' | 'away' | 'confirmed', LocalizedText> = {
  handoff: {
    en: 'I am passing your question to our team.',
    cs: 'Předávám váš dotaz našemu týmu.',
    hu: 'Továbbítom a kérdését a csapatunknak.',
    lv: 'Es nododu jūsu jautājumu mūsu komandai.',
    zh: '我正在把您的问题转给我们的团队。',
    ar: 'سأحيل سؤالك إلى فريقنا.',
  },
  replyIn: {
    en: 'They usually reply within {n} minutes.',
    cs: 'Obvykle odpoví do {n} minut.',
    hu: 'Általában {n} percen belül válaszolnak.',
    lv: 'Parasti viņi atbild {n} minūšu laikā.',
    zh: '他们通常会在 {n} 分钟内回复。',
    ar: 'عادةً ما يردون خلال {n} دقائق.',
  },
  away: {
    en: 'Nobody is available right now: leave your email and we will reply there.',
    cs: 'Právě teď nikdo není k dispozici: nechte nám svůj e-mail a odpovíme tam.',
    hu: 'Jelenleg senki sem elérhető: adja meg e-mail-címét, és oda válaszolunk.',
    lv: 'Pašlaik neviens nav pieejams: atstājiet savu e-pastu, un mēs atbildēsim uz to.',
    zh: '目前没有人在线：请留下您的邮箱，我们会通过邮件回复。',
    ar: 'لا يوجد أحد متاح الآن: اترك بريدك الإلكتروني وسنرد عليك هناك.',
  },
  confirmed: {
    en: 'Glad that helped! Write again any time.',
    cs: 'Rádi jsme pomohli! Napište kdykoli znovu.',
    hu: 'Örülök, hogy segíthettem! Írjon bármikor újra.',
    lv: 'Prieks, ka palīdzēja! Rakstiet jebkurā laikā.',
    zh: '很高兴能帮到您！欢迎随时再来。',
    ar: 'يسعدنا أن ذلك ساعد! اكتب لنا في أي وقت.',
  },
};
