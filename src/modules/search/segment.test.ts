import { describe, expect, it } from 'vitest';
import { ftsQuery } from '../../db/search-sqlite.js';
import { tsQuery } from '../../db/search-postgres.js';
import { indexTokens, queryGroups } from './segment.js';

const tokens = (text: string) => indexTokens(text).split(' ');

describe('segmentation', () => {
  it('indexes search-mode words, so 公交 is a token of 公交站点 and 杭州公交线路', () => {
    expect(tokens('公交站点')).toEqual(expect.arrayContaining(['公交', '站点', '公交站点']));
    expect(tokens('杭州公交线路')).toEqual(expect.arrayContaining(['杭州', '公交', '线路']));
    expect(queryGroups('公交')).toEqual([[['公交']]]);
  });

  it('indexes single Han characters of longer words, and not 公交 inside 办公交流', () => {
    expect(tokens('污水处理')).toEqual(expect.arrayContaining(['污', '水']));
    expect(tokens('办公交流')).not.toContain('公交');
  });

  it('lets a long query word match as its dictionary parts', () => {
    expect(queryGroups('公交站点')).toEqual([[['公交站点'], ['公交', '站点']]]);
    expect(queryGroups('杭州市 的 幼儿园')).toEqual([[['杭州市'], ['杭州', '市']], [['幼儿园'], ['幼儿', '园']]]);
  });

  it('reduces query syntax to plain words', () => {
    expect(queryGroups('"公交" OR NEAR(a b) *:-\'')).toEqual([[['公交']], [['or']], [['near']], [['a']], [['b']]]);
    expect(queryGroups('"*\'():-')).toEqual([]);
    expect(queryGroups('\'; drop table catalog_entries; --')).toEqual([[['drop']], [['table']], [['catalog']], [['entries']]]);
  });

  it('quotes every token in the engine expressions', () => {
    const groups = [[['公交站点'], ['公交', '站点']], [['or']]];
    expect(ftsQuery(groups)).toBe('("公交站点" OR ("公交" AND "站点")) AND "or"');
    expect(tsQuery(groups)).toBe("('公交站点' | ('公交' & '站点')) & 'or'");
    expect(ftsQuery([[['a"b']]])).toBe('"a""b"');
    expect(tsQuery([[["a'b\\"]]])).toBe("'a''b\\\\'");
  });
});
