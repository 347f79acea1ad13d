import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseStory } from '../core/corpus/parseStory.js';
import { extractStoryFacts } from '../core/facts/extractFacts.js';
import type { FactMessage, FactRequest } from './buildProtocol.js';
import { decodeStoryText } from './loadStories.js';
import { storyCacheIn } from './openLibrary.js';
import { storyKey } from './storyCache.js';

/**
 * Extracts the facts of a share of the stories into the per-story cache, in a worker
 * thread. A story already cached is skipped; a file that changed since the index was built
 * (its key no longer matches) is left to the next build.
 */
const request = workerData as FactRequest;
const port = parentPort!;
const send = (message: FactMessage) => port.postMessage(message);
const cache = storyCacheIn(request.snapshotDir, () => undefined)!;

let done = 0;
let failed = 0;
let lastProgress = 0;
for (const { id, key, file } of request.stories) {
  try {
    if (!cache.hasFacts(key)) {
      const bytes = readFileSync(file);
      if (storyKey(id, bytes) === key)
        cache.writeFacts(key, extractStoryFacts(parseStory(id, decodeStoryText(bytes))));
      else failed++;
    }
  } catch {
    failed++;
  }
  done++;
  if (Date.now() - lastProgress >= 250) {
    lastProgress = Date.now();
    send({ type: 'progress', done, total: request.stories.length });
  }
}
send({ type: 'done', done, failed });
