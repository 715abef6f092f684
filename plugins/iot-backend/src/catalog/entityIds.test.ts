import { freeId, randomId, slugOf } from './entityIds';

describe('entity ids', () => {
  it.each([
    ['Smart Parking', 'smart-parking'],
    ['Smart Parking — standard', 'smart-parking-standard'],
    ['  --Hello,   World!--  ', 'hello-world'],
    ['Café Übersicht', 'cafe-ubersicht'],
    ['ＡＢＣ 123', 'abc-123'],
    ['智慧停车', ''],
    ['智慧停车 Pro', 'pro'],
  ])('slugs %p as %p', (name, slug) => {
    expect(slugOf(name)).toBe(slug);
  });

  it('makes random ids with a prefix', () => {
    expect(randomId('app')).toMatch(/^app-[0-9a-f]{6}$/);
    expect(randomId('app')).not.toBe(randomId('app'));
  });

  it('picks the first free id, cut to 63 characters', () => {
    expect(freeId('a', [])).toBe('a');
    expect(freeId('a', ['a', 'a-2'])).toBe('a-3');
    const long = `${'x'.repeat(61)}-y-z`;
    expect(freeId(long, [])).toBe(`${'x'.repeat(61)}-y`);
    expect(freeId(long, [`${'x'.repeat(61)}-y`])).toBe(`${'x'.repeat(61)}-2`);
    // never ends in a dash
    expect(freeId(`${'x'.repeat(62)}-abc`, [])).toBe('x'.repeat(62));
  });
});
