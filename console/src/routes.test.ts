import { exec } from 'preact-iso/router';
import { describe, expect, it } from 'vitest';
import { areaOf, areasFor, conversationPath, mayUse, PATHS } from './routes.ts';

describe('routes', () => {
  it('lists only the areas a role may use, inbox first', () => {
    expect(areasFor('agent')).toEqual(['inbox']);
    expect(areasFor('qa')).toEqual(['inbox']);
    expect(areasFor('supervisor')).toEqual(['inbox', 'board']);
    expect(areasFor('admin')).toEqual(['inbox', 'board', 'admin']);
    expect(mayUse('agent', 'admin')).toBe(false);
    expect(mayUse('supervisor', 'admin')).toBe(false);
  });

  it('round-trips a conversation id through its deep link', () => {
    for (const id of ['V1StGXR8_Z5jdHi6B-myT', 'a/b?c#d', '会话']) {
      const path = conversationPath(id);
      expect(path.startsWith('/console/conversations/')).toBe(true);
      expect(exec(path, PATHS.conversation)?.params.id).toBe(id);
      expect(areaOf(path)).toBe('inbox');
    }
  });

  it('maps paths to their area', () => {
    expect(areaOf('/console')).toBe('inbox');
    expect(areaOf('/console/')).toBe('inbox');
    expect(areaOf('/console/board')).toBe('board');
    expect(areaOf('/console/admin')).toBe('admin');
    expect(areaOf('/console/boardroom')).toBe(null);
  });
});
