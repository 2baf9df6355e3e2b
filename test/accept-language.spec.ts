import { LocaleNegotiator } from '../lib/locale/locale-negotiator.js';
import { parseAcceptLanguage } from '../lib/locale/accept-language.util.js';

const negotiator = new LocaleNegotiator(['en', 'zh-CN', 'zh-TW'], 'en');

describe('Accept-Language negotiation', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['zh-CN', 'zh-CN'],
    ['ZH-cn', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-MY', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-CN', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['en-US', 'en'],
    ['en-Latn-US-x-private', 'en'],
    ['fr', 'en'],
    ['fr, zh-TW;q=0.5', 'zh-TW'],
    ['en;q=0.5, zh-CN;q=0.8', 'zh-CN'],
    ['zh-CN;q=0.8, zh-TW;q=0.8', 'zh-CN'],
    ['zh-TW;q=0, zh', 'zh-CN'],
    ['*', 'en'],
    ['en;q=0, *', 'zh-CN'],
    ['en;q=0, zh-CN;q=0, *;q=0.3', 'zh-TW'],
    ['de;q=1.5, zh-TW', 'zh-TW'],
    ['zh-TW;q=abc', 'en'],
    ['zh-TW;q=0.5, en;q=2', 'zh-TW'],
    ['zh-HK;q=0, zh-TW', 'zh-TW'],
    ['zh;q=0, zh-TW, en;q=0.1', 'en'],
    ['zh;q=0, *', 'en'],
    ['en-US;q=0, en, zh;q=0.5', 'en'],
    [',,;;, zh-HK ,', 'zh-TW'],
    ['zh_TW', 'en'],
    [`zh-TW-${'abcdefgh-'.repeat(7)}x`, 'en'],
    [`zh-TW-${'abcdefgh-'.repeat(6)}x`, 'zh-TW'],
  ])('%j → %s', (header, locale) => {
    expect(negotiator.fromAcceptLanguage(header)).toBe(locale);
  });

  it('sorts by quality and keeps header order among equals', () => {
    expect(parseAcceptLanguage('a;q=0.5, b, c;q=0.5, d;q=1')).toEqual([
      { tag: 'b', quality: 1 },
      { tag: 'd', quality: 1 },
      { tag: 'a', quality: 0.5 },
      { tag: 'c', quality: 0.5 },
    ]);
  });

  it('reads a bounded part of a huge header', () => {
    const ranges = parseAcceptLanguage(`${'xx, '.repeat(100_000)}zh-TW`);
    expect(ranges.length).toBeLessThanOrEqual(32);
    expect(negotiator.fromAcceptLanguage(`${'xx, '.repeat(100_000)}zh-TW`)).toBe('en');
  });

  it('drops a range cut short by the length limit instead of misreading it', () => {
    const padding = `${'x'.repeat(8)},`.repeat(112); // 1008 characters
    const header = `${padding}en;q=0.1,zh-TW;q=0.9`; // the limit cuts "zh-TW;q=0."
    expect(header.length).toBeGreaterThan(1024);
    expect(parseAcceptLanguage(header).map((r) => r.tag)).not.toContain('zh-tw');
  });

  it('keeps its cache bounded under many distinct headers', () => {
    const local = new LocaleNegotiator(['en', 'zh-CN', 'zh-TW'], 'en');
    for (let i = 0; i < 40_000; i++) local.fromAcceptLanguage(`x${i}, zh-TW`);
    const cache = (local as unknown as { cache: Map<string, string> }).cache;
    expect(cache.size).toBe(16_384);
    expect(cache.has('x0, zh-TW')).toBe(false);
    expect(cache.has('x39999, zh-TW')).toBe(true);
    expect(local.fromAcceptLanguage('x39999, zh-TW')).toBe('zh-TW');
    local.fromAcceptLanguage(`${'a'.repeat(129)}, zh-TW`);
    expect(cache.size).toBe(16_384);
  });

  it('prefers a locale the app added over the Chinese aliases', () => {
    const withHk = new LocaleNegotiator(['en', 'zh-CN', 'zh-TW', 'zh-HK'], 'en');
    expect(withHk.fromAcceptLanguage('zh-HK')).toBe('zh-HK');
    expect(withHk.fromAcceptLanguage('zh-MO')).toBe('zh-TW');
  });
});
