import { describe, expect, it } from 'vitest';
import { guessMapping } from './column-mapping.js';

describe('guessMapping', () => {
  it('takes 网名 and 昵称, as forum exports name the author, for 作者', () => {
    expect(guessMapping(['标题', '内容', '网名', '发布时间'])).toMatchObject({
      title: '标题',
      body: '内容',
      author: '网名',
      postedAt: '发布时间',
    });
    expect(guessMapping(['帖子标题', '帖子内容', '发帖人昵称']).author).toBe('发帖人昵称');
  });
});
