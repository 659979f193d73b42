import { describe, expect, it } from 'vitest';
import { postFromJson } from './read-jsonl.js';

describe('postFromJson', () => {
  it('maps a JSON line to a post, taking `user` as the author', () => {
    expect(
      postFromJson(
        {
          id: 7,
          user: 'A001',
          title: '标题',
          body: '正文',
          time: '2019-02-28T11:25:05+08:00',
          likes: 3,
          dislikes: 0,
        },
        1,
      ),
    ).toEqual({
      externalId: 7,
      title: '标题',
      body: '正文',
      postedAt: '2019-02-28T11:25:05+08:00',
      url: null,
      author: 'A001',
      likes: 3,
      dislikes: 0,
    });
  });
  it('refuses a line without a body, naming the line', () => {
    expect(() => postFromJson({ title: 'x' }, 12)).toThrow(/第 12 行/);
  });
});
