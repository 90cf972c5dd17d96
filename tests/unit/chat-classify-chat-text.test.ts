import { describe, expect, it } from 'vitest';
import { classifyChatText } from '../../core/chat/classify-chat-text.js';
import type { ChatTone } from '../../core/chat/chat-log.js';
import chatWords from '../../core/chat/chat-words.json' with { type: 'json' };
import { foldChatText } from '../../core/chat/fold-chat-text.js';
import { compileToneMatchers, type ChatWords } from '../../core/chat/tone-matchers.js';

function expectTones(table: Record<string, ChatTone>): void {
  const got = Object.fromEntries(Object.keys(table).map((text) => [text, classifyChatText(text)]));
  expect(got).toEqual(table);
}

describe('what a chat message means', () => {
  it('hears laughter in Japanese and English, in text and in emoji', () => {
    expectTones({
      '草': 'laugh',
      '草生える': 'laugh',
      '大草原': 'laugh',
      '笑った': 'laugh',
      '爆笑': 'laugh',
      'ワロタ': 'laugh',
      'w': 'laugh',
      'ｗ': 'laugh',
      'www': 'laugh',
      'ｗｗｗ': 'laugh',
      'wwwwww': 'laugh',
      'WWW': 'laugh',
      'それなｗｗ': 'laugh',
      'ここすきw': 'laugh',
      'lol': 'laugh',
      'LOL': 'laugh',
      'ＬＯＬ': 'laugh',
      'lmao': 'laugh',
      'LUL LUL': 'laugh',
      'KEKW': 'laugh',
      'hahaha': 'laugh',
      '😂': 'laugh',
      '🤣🤣': 'laugh',
      ':_kusa::_kusa::_kusa:': 'laugh',
      ':_www:': 'laugh',
    });
  });

  it('does not take English words, web addresses or numbers with a w for laughter', () => {
    expectTones({
      'www.example.com': 'none',
      'see www.example.invalid for more': 'none',
      'window': 'none',
      'twitter': 'none',
      'saw it': 'none',
      'watch this': 'none',
      'the new world': 'none',
      'lollipop': 'none',
      'wow': 'surprise',
      'WOW': 'surprise',
    });
  });

  it('hears surprise', () => {
    expectTones({
      'えっ': 'surprise',
      'え？': 'surprise',
      'え': 'surprise',
      'えぇ…': 'surprise',
      'えええ': 'surprise',
      'まじか': 'surprise',
      'マジで': 'surprise',
      'うそでしょ': 'surprise',
      'びっくりした': 'surprise',
      '！？': 'surprise',
      '？？？': 'surprise',
      '!?': 'surprise',
      'WHAT': 'surprise',
      'what?!': 'surprise',
      'OMG': 'surprise',
      'wtf': 'surprise',
      '😱': 'surprise',
    });
  });

  it('hears hype and applause', () => {
    expectTones({
      '8888': 'hype',
      '８８８８８': 'hype',
      '888888888': 'hype',
      'パチパチ': 'hype',
      'ぱちぱち': 'hype',
      '👏👏': 'hype',
      '神': 'hype',
      '神回': 'hype',
      '上手い': 'hype',
      'うますぎる': 'hype',
      'すごすぎ': 'hype',
      '天才': 'hype',
      'ナイス': 'hype',
      'ﾅｲｽ': 'hype',
      'nice': 'hype',
      'clip it': 'hype',
      'CLIP THAT': 'hype',
      '切り抜き班': 'hype',
      'GG': 'hype',
    });
  });

  it('tells greetings, goodbyes and thanks apart from reactions', () => {
    expectTones({
      'こんばんは': 'greeting',
      'こんばんは～': 'greeting',
      'こんにちは': 'greeting',
      'こん': 'greeting',
      'こん～': 'greeting',
      'わこつ': 'greeting',
      '初見です': 'greeting',
      '待機': 'greeting',
      'きたああ': 'greeting',
      'キター': 'greeting',
      'hello': 'greeting',
      'hi from brazil': 'greeting',
      'おつ': 'goodbye',
      '乙': 'goodbye',
      'お疲れ様': 'goodbye',
      'おつかれさまでした': 'goodbye',
      'またね': 'goodbye',
      'おやすみ': 'goodbye',
      'bye': 'goodbye',
      'otsu': 'goodbye',
      'gn': 'goodbye',
      'ありがとう': 'thanks',
      'ありがと～': 'thanks',
      'スパチャ読みだ': 'thanks',
      'メンバー加入ありがとう！': 'thanks',
      'おめでとう': 'thanks',
      'thank you!': 'thanks',
      'thanks': 'thanks',
    });
  });

  it('does not find short words inside longer ones', () => {
    expectTones({
      'こんな': 'none',
      'こんなの初めて': 'none',
      'できたー': 'none',
      '18880円': 'none',
      'this': 'none',
      'ghost': 'none',
      'by the way': 'none',
      'ハイライト': 'none',
      'たしかに': 'none',
      '': 'none',
    });
  });

  it('lets a greeting, goodbye or thanks win over a reaction, and otherwise the first word', () => {
    expectTones({
      'おつかれww': 'goodbye',
      'こんばんは 8888': 'greeting',
      '神回ありがとう': 'thanks',
      'lol nice': 'laugh',
      'nice lol': 'hype',
      'まじかw': 'surprise',
      'www 8888': 'laugh',
    });
  });

  it('reads emoji only when no word says anything', () => {
    expectTones({
      'えっ😂': 'surprise',
      'GG😂': 'hype',
      'ここすき😂': 'laugh',
      'こんばんは👏': 'greeting',
      '🙂': 'none',
    });
  });
});

describe('the word lists', () => {
  it('fold full-width, half-width, case and katakana the same way as messages', () => {
    expect(foldChatText('ＷＷＷ８８８ﾊﾟﾁﾊﾟﾁ')).toBe('www888ぱちぱち');
    expect(foldChatText('LOL')).toBe('lol');
  });

  it('compile: every entry of chat-words.json finds itself as a message', () => {
    const words = chatWords as ChatWords;
    const matchers = compileToneMatchers(words);
    expect(matchers.whole.size).toBeGreaterThan(0);
    for (const tone of ['laugh', 'surprise', 'hype', 'greeting', 'goodbye', 'thanks'] as const) {
      for (const entry of [...(words[tone].anywhere ?? []), ...(words[tone].words ?? []), ...(words[tone].whole ?? [])]) {
        const said = classifyChatText(entry);
        // an entry may belong to a tone that wins over its own (a flood over a reaction), never to none
        expect(said, `${entry} (${tone})`).not.toBe('none');
      }
    }
  });
});
