import { describe, expect, it } from 'vitest';
import { frequencyOf } from './frequency.js';

describe('a harvested catalog\'s update frequency', () => {
  it('maps EU authority IRIs, our own keys and Chinese words', () => {
    expect(frequencyOf('http://publications.europa.eu/resource/authority/frequency/MONTHLY')).toBe('monthly');
    expect(frequencyOf('weekly')).toBe('weekly');
    expect(frequencyOf('每季度')).toBe('quarterly');
  });

  it('takes names every object inherits for unknown text, not for a frequency', () => {
    for (const text of ['constructor', 'toString', '__proto__', 'http://x.example/freq#hasOwnProperty']) expect(frequencyOf(text)).toBe('irregular');
  });
});
