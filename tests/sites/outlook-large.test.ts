// A long conversation (200 messages, 200 recipients on one message) is read completely and quickly.
import { describe, expect, it } from 'vitest';
import { outlookAdapter } from '@/lib/sites/outlook/adapter';
import { parseOutlook } from './outlook-fixtures';

function bigConversation(messages: number): Document {
  const doc = parseOutlook('thread-en-multi.html');
  const container = doc.querySelector('[data-app-section=ConversationContainer] .ZOM9m');
  const template = doc.getElementById('MSG_AAMkAGI2-msg-4_FROM')?.closest('.aVla3');
  if (!container || !template) throw new Error('fixture changed');
  for (let i = 0; i < messages; i++) {
    const copy = template.cloneNode(true) as Element;
    const from = copy.querySelector('[id^=MSG_]');
    from?.setAttribute('id', `MSG_big-${i}_FROM`);
    const text = from?.querySelector('.OZZZK');
    if (text) text.textContent = `Person ${i}<person${i}@big.example>`;
    container.append(copy);
  }
  return doc;
}

describe('outlook: long conversations', () => {
  it('reads 200 messages with every sender, fast enough for a thread switch', () => {
    const doc = bigConversation(200);
    outlookAdapter.readThread(doc); // warm-up (JIT)
    const started = performance.now();
    const thread = outlookAdapter.readThread(doc);
    const elapsed = performance.now() - started;
    expect(thread?.messageIds).toHaveLength(202);
    expect(thread?.participants[0]?.email).toBe('person199@big.example');
    expect(thread?.participants).toHaveLength(4 + 200);
    // happy-dom is several times slower than Chromium; this bounds a quadratic regression, not the page budget.
    expect(elapsed).toBeLessThan(600);
  });
});
