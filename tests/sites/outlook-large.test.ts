// A long conversation (200 messages, 200 recipients on one message) is read completely. How fast is the bench's
// business (npm run bench, Outlook switches), not a timed test's: a loaded CI machine would make one flaky.
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
  it('reads 200 messages with every sender', () => {
    const doc = bigConversation(200);
    const thread = outlookAdapter.readThread(doc);
    expect(thread?.messageIds).toHaveLength(202);
    expect(thread?.participants[0]?.email).toBe('person199@big.example');
    expect(thread?.participants).toHaveLength(4 + 200);
  }, 60_000); // building 200 messages in happy-dom takes seconds on a loaded machine
});
