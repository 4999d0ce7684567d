// Every Gmail selector in one place. Each entry is an ordered fallback list: the first selector is the one current
// Gmail uses; later ones cover older layouts or lost class names. Attributes first, obfuscated classes as fallbacks.
// Source ids (G1…G11) are in /work/shared/fixtures/webmail-captures/DOM-FACTS.md; fixtures in tests/fixtures/gmail/.

export const gmailSelectors = {
  /** Container whose `.nH` children are the SPA views, switched with inline `display: none`. */
  mainContainer: [
    'div.aeF > div.nH', // G4 gmail-element-getter.ts (InboxSDK a8a6fe2c, 2023); G3 inbox capture, 2014-12
    'div.aeF', // G3 inbox capture, 2014-12 (the outer wrapper)
  ],
  /** A view's landmark; its parent is the main container when the classes above are gone. */
  mainView: [
    '[role=main]', // G3 inbox capture, 2014-12; G4 (`div.BltHke.nH[role=main]`), 2023
  ],

  /** An expanded message. The ids are Gmail's; both exist on current messages. */
  message: [
    'div[data-message-id][data-legacy-message-id]', // G1 thread-open capture, 2026-01
    'div[data-legacy-message-id]', // G5 gmail.js b7dfdabc, G7 mailvelope, 2024
    'div[data-message-id]', // G5 gmail.js b7dfdabc, 2024
    'div.adn.ads', // G1 capture 2026-01; G5 gmail.js (class only, no id)
  ],
  /** A collapsed message row: no ids, only the sender chip and a snippet. Kept only when it holds a sender. */
  collapsedMessage: [
    'div[role=listitem]', // G9 live notes 2026-09 (`[role=list] > [role=listitem][aria-expanded]`); G4 thread view
    'div.kv', // G4 gmail-message-view.ts (state class "kv" = collapsed), 2023; index-only 2019-12 outerHTML
    'div.adf', // G9 live notes 2026-09 (collapsed `div.adf` holding `.iA.g6`)
  ],
  /** Hostile mail HTML lives here: never read addresses, ids or editors inside it. */
  body: [
    'div.ii.gt', // G1 thread-open capture, 2026-01; G4 gmail-message-view.ts
    'div.a3s', // G1 thread-open capture (`div.a3s.aiL`), 2026-01; G9 live notes 2026-09
  ],

  /** The sender chip of one message (expanded or collapsed). */
  sender: [
    'span.gD[email]', // G1 thread-open capture, 2026-01; G5 gmail.js
    'h3.iw span[email]', // G1 capture (`h3.iw > span.qu > span.gD`), 2026-01; collapsed rows use span.zF/yP here
    'td.gF span[email]', // G4 gmail-message-view.ts, 2023; index-only collapsed row 2019-12
    'span[email]', // G9 listitem rows, 2026-09; last resort: the header's sender is first in page order
  ],
  /** The sent date; its `title` holds the full date ("Mon, Nov 23, 2026, 10:00 AM"), the text a relative one. */
  date: [
    'span.g3[title]', // G1 thread-open capture (`td.gH > div.gK > span.g3[title]`), 2026-01; G4 `.ads .gK .g3[title]`
    'td.gH span[title]', // G1 capture, same cell without the class
  ],
  /** Recipient chips in the message header ("to me, Bob"). */
  recipients: [
    'span.hb span.g2[email]', // G1 thread-open capture, 2026-01; G5 gmail.js
    'span.hb [email]', // G4 gmail-message-view.ts (`.hb span[email]`), 2023
    'td.ady [email]', // G1 thread-open capture (`td.ady > div.iw.ajw > span.hb`), 2026-01
  ],
  /** The "Show details" popup: every address with its row label (from/to/cc…); rendered hidden. */
  details: [
    '.ajC [email]', // G4 get-updated-contact.ts (`.ajC [email]`), 2023
    '.ajA [email]', // G4 get-updated-contact.ts (`.ajA.SK` popup, visibility:hidden), 2023
  ],
  /** The label cell of a details-popup row ("to:", "cc:"), relative to the row. */
  detailsLabel: [
    'td.gG', // index only (id 32343428296): popup markup `tr.ajv > td.gG > span.gI "to:"` in a Gmail look-alike
    'td:first-child', // same row shape without class names
  ],

  /** Subject heading of the open thread, carrying the thread ids. */
  subject: [
    'h2.hP', // G5 gmail.js; G9 live notes 2026-09 (`h2.hP[data-thread-perm-id]`)
    'h2[data-thread-perm-id]', // G4 gmail-thread-view.ts, 2023; G5 gmail.js
    'h2[data-legacy-thread-id]', // G4 gmail-thread-view.ts, 2023; G5 gmail.js
  ],
  /** Gmail's own logging attribute; `1:` holds base64 JSON `["#thread-f:<id>"]`. */
  jslogThread: [
    '[jslog*="1:"]', // G1 thread-open capture (star checkbox, Reply button), 2026-01
  ],

  /** The Google account button; its aria-label ends with the signed-in address. */
  accountButton: [
    'a[aria-label][href^="https://accounts.google.com/SignOutOptions"]', // G11 header copies (index only), 2024-26
    '[role=banner] a[aria-label][href*="accounts.google.com"]', // G4 user-info.ts (switcher in banner), 2023
  ],

  /** Reply and compose editors. */
  editor: [
    'div.Am.Al.editable[contenteditable=true][role=textbox]', // G8 compose 2019; G10 Spanish editor (index only)
    '[g_editable=true][role=textbox]', // G4 gmail-compose-view.ts (`.Ap [g_editable=true]`), 2023; G8
    'div[contenteditable=true][role=textbox]', // G9 live notes 2026-09 ("match on role")
  ],

  /** The Reply link under the last message (`bkH`; `bkI` is Reply all, `bkG` Forward). */
  replyButton: [
    'span.ams.bkH[role=link]', // DOM-FACTS: gmailIntegration.js `span.ams[role=link]` (bkI = Reply all), 2024
    '.ams.bkH', // same control without its role, older builds
  ],

  /** Where compose dialogs ("moles") are rendered, outside the main views. */
  composeHost: [
    'div.dw', // G4 gmail-element-getter.ts (mole parent `div.dw .nH > .nH > .no`), 2023
  ],
  /** Something only a compose form has; its root is found from it with `composeRoot`. */
  composeAnchor: [
    'input[name=subjectbox]', // G4 gmail-compose-view.ts, G6 Briskine, G8 compose 2019, G10
    'input[name=composeid]', // G4 gmail-compose-view.ts, G8 compose 2019
    '[name=to]', // G4 get-recipients.ts (`.GS .anm[name="to"]`), G6 Briskine
  ],
  /** A compose window: the dialog, else the compose container (the pop-out window has no dialog). */
  composeRoot: [
    'div[role=dialog]', // G8 compose 2019 (`div.nH.Hd[role=dialog]`); G4 setup-compose-view-driver-stream.ts
    'div.M9', // G5 gmail.js, G6 Briskine (compose root `.M9`), G8
    'div[role=region]', // G8 (`div.aoI[role=region][aria-label="New Message"]`), G9 reply region
    'form', // G8 (`form.bAs`)
  ],
  /** Recipient lines of a compose form; the `name` attribute (to/cc/bcc) is not localised. */
  composeWell: [
    '[name=to], [name=cc], [name=bcc]', // G4 get-recipients.ts (`.anm[name="to"]`), G6 Briskine (`[name=to]`)
  ],
  /** A recipient chip: its address in `data-hovercard-id` (2021+) or `email` (older chips). */
  composeChip: [
    '[role=option][data-hovercard-id]', // G4 get-recipients.ts (`[role=listbox] [role=option][data-hovercard-id]`), G6
    '[data-hovercard-id]', // G4, G6 without the role
    '[email]', // G5 gmail.js (chip classes vR/afV with `span[email]`)
    '[role=option]', // the chips' listbox role alone: the address is then read from the chip's label or text
  ],
} as const satisfies Record<string, readonly string[]>;

export type GmailSelectorKey = keyof typeof gmailSelectors;
