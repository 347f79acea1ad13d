import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkUpload, removeStoryFile, storyIdFromFileName, writeStory } from '../../src/store/storyFiles.js';

const folder = () => mkdtempSync(join(tmpdir(), 'newsdesk-upload-'));
const text = (body: string) => Buffer.from(body, 'utf8');

describe('storyFiles', () => {
  describe('storyIdFromFileName', () => {
    it('keeps only the last path segment and safe characters', () => {
      expect(storyIdFromFileName('../../etc/passwd.txt').id).toBe('passwd');
      expect(storyIdFromFileName('C:\\news\\Big Story (final).md')).toEqual({
        id: 'Big_Story_final_',
        extension: '.md',
      });
    });

    it('refuses other extensions and names with nothing usable', () => {
      expect(() => storyIdFromFileName('story.pdf')).toThrow('Upload: "story.pdf" is not a .txt or .md file');
      expect(() => storyIdFromFileName('../.txt')).toThrow('does not give a usable story id');
    });
  });

  describe('checkUpload', () => {
    it('accepts a UTF-8 story with valid front matter', () => {
      const upload = checkUpload(
        folder(),
        'recall.md',
        text('---\ntitle: Recall\n---\nFirst paragraph. Second sentence.\n'),
      );
      expect(upload).toMatchObject({ id: 'recall', fileName: 'recall.md' });
      expect(upload.story.title).toBe('Recall');
    });

    it('refuses files over 1 MB, binary files, invalid UTF-8 and bad front matter, with the reason', () => {
      const dir = folder();
      expect(() => checkUpload(dir, 'big.txt', Buffer.alloc(1024 * 1024 + 1, 97))).toThrow(
        'stories are at most 1024 KB',
      );
      expect(() => checkUpload(dir, 'bin.txt', Buffer.from([72, 0, 105]))).toThrow('binary file');
      expect(() => checkUpload(dir, 'latin.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toThrow(
        'not valid UTF-8',
      );
      expect(() => checkUpload(dir, 'fm.txt', text('---\ntitel: x\n---\nBody.\n'))).toThrow(
        'unknown key "titel"',
      );
      expect(() => checkUpload(dir, 'empty.txt', text('\n\n'))).toThrow('has no paragraphs');
    });

    it('refuses a duplicate id unless replacing, and never with another extension', () => {
      const dir = folder();
      writeFileSync(join(dir, 'a.txt'), 'Old text.\n');
      expect(() => checkUpload(dir, 'a.txt', text('New text.\n'))).toThrow('already exists');
      expect(checkUpload(dir, 'a.txt', text('New text.\n'), true).id).toBe('a');
      expect(() => checkUpload(dir, 'a.md', text('New text.\n'), true)).toThrow('exists as a.txt');
    });
  });

  describe('writeStory / removeStoryFile', () => {
    it('writes the story under its id inside the folder and nothing else', () => {
      const dir = folder();
      const path = writeStory(dir, checkUpload(dir, '../../escape.txt', text('Body text.\n')));
      expect(path).toBe(join(dir, 'escape.txt'));
      expect(readdirSync(dir)).toEqual(['escape.txt']);
      expect(readFileSync(path, 'utf8')).toBe('Body text.\n');
    });

    it('removes a story and refuses unknown or path-like ids', () => {
      const dir = folder();
      writeFileSync(join(dir, 'gone.md'), 'x\n');
      removeStoryFile(dir, 'gone');
      expect(readdirSync(dir)).toEqual([]);
      expect(() => removeStoryFile(dir, 'gone')).toThrow('there is no story "gone"');
      expect(() => removeStoryFile(dir, '../../etc/passwd')).toThrow('there is no story');
    });
  });
});
