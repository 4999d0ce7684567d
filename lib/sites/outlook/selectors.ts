// Every Outlook-on-the-web selector in one place. Each entry is an ordered fallback list: ids, roles, aria structure
// and data attributes first, Outlook's generated class names (which change per build) only as the last resort.
// A localised aria-label is never the only way in: label prefixes appear only as later fallbacks or to tell To
// from Cc, where an unknown label still falls back to the well's position.
// Source ids (O1…O5) are in /work/shared/fixtures/webmail-captures/DOM-FACTS.md; fixtures in tests/fixtures/outlook/.

export const outlookSelectors = {
  /** The reading pane / compose area landmark; the conversation and inline compose forms live under it. */
  readingPane: [
    '[role=main][data-app-section=MailReadCompose]', // O1 mailvelope DOM templates (de), 2024
    '[data-app-section=MailReadCompose]', // O1 mailvelope, the same section without its role
    '#ReadingPaneContainerId', // O5 DevTools path and editor snippets (index only), 2025-26
    '[role=main]', // O1, O2 monet CLAUDE.md ("Reading Pane" landmark), 2025
  ],
  /** Things only the Outlook mail app renders: when none is there, the page is not recognised. */
  appShell: [
    '[data-app-section]', // O1 (MailReadCompose, ConversationContainer), O2 (NavigationPane …), 2024-25
    '#MailList', // O1 mailvelope, 2024
    '[role=option][data-convid]', // O1, O2, O3 ketchup (validated 2026-05)
    '[id^=primaryMailboxRoot_]', // O1 mailvelope, 2024
    '#OwaTitleBar', // O2 monet, 2025
  ],

  /** The conversation subject heading; its id is `CONV_<conversation id>_SUBJECT`. */
  subject: [
    '[role=heading][id^=CONV_][id$=_SUBJECT]', // O5 "Outlook on the web, 2026" (index only)
    '[id^=CONV_][id$=_SUBJECT]', // same id without the role
    '[role=main] [role=heading][title]', // O5: the heading carries the full subject in `title`
    '.JdFsz', // O5 subject label class (index only)
  ],
  /** The selected message-list row; `data-convid` is the conversation id when the heading has none. */
  selectedRow: [
    '[role=option][data-convid][aria-selected=true]', // O1 mailvelope, O2, O3 (2024-26)
  ],
  /** Where the conversation's message cards live. */
  conversation: [
    '[data-app-section=ConversationContainer]', // O1 mailvelope, 2024
    '#ConversationReadingPaneContainer', // O1 mailvelope, 2024
  ],

  /** Hostile mail HTML lives here: never read addresses, ids or editors inside it. */
  body: [
    '[id^=UniqueMessageBody]', // O1 (`#UniqueMessageBody_N`), O5 2026 (index only)
    '[role=document]', // O1 (body under `[role=document]`), O5 (`div[role=document][aria-label="Message body"]`)
    // Not `.allowTextSelection`: O5's collapsed card header carries that class too.
  ],

  /** The sender of one message card (expanded or collapsed); the id is `MSG_<item id>_FROM`. */
  sender: [
    '[id^=MSG_][id$=_FROM]', // O5 "Outlook on the web, 2026" (index only)
    'span[role=region] > span[aria-label]', // O1 structure `span[role=region] > span[aria-label="Von: …"] > span`
    'span[aria-label^="From:"], span[aria-label^="Von:"], span[aria-label^="De:"]', // O1 (de), O5 (en); es
    '.OZZZK', // O1 sender text class, O5 collapsed card and `<address>` text (index only)
  ],
  /** An expanded message card, when cards carry their state (a card is otherwise found by climbing from its sender). */
  expandedCard: [
    '[data-app-section=ConversationContainer] div[aria-expanded=true]', // O1 (`[aria-expanded=true].BS0OK`), 2024
    'div[aria-expanded=true]', // O1 without the container
  ],
  /** A collapsed message card (sender name, date, preview); expanded cards are found from their sender instead. */
  collapsedCard: [
    '[data-app-section=ConversationContainer] div[aria-expanded=false]', // O1 (expanded cards are `[aria-expanded=true]`)
    '#ConversationReadingPaneContainer div[aria-expanded=false]', // O1 container id
    '.GjFKx', // O5 collapsed card class (index only)
  ],
  /** The sender inside a collapsed card: a pill, the sender text class, or the card's first text span. */
  collapsedSender: [
    '[id^=MSG_][id$=_FROM]', // O5 (index only), when collapsed cards carry it too
    '[data-lpc-hover-target-id]', // O5 persona pill (index only)
    '.OZZZK', // O5 collapsed card `span.Q84Kk > div > span.OZZZK` (index only)
    'span', // O5 structure: the sender is the card's first span
  ],
  /** Recipient wells in a message header (To line, Cc line), holding persona pills. */
  recipientWell: [
    '[data-testid=RecipientWell]', // O1 mailvelope (`.DrnCK > [data-testid=RecipientWell]`), 2024
    'div[aria-label^="To:"], div[aria-label^="Cc:"], div[aria-label^="An:"], div[aria-label^="Para:"]', // O5 (en)
  ],
  /** A persona pill (sender or recipient); its hover-target id is a React id, never an address. */
  persona: [
    '[data-lpc-hover-target-id]', // O4 Briskine (older version), O5 live body copy (index only)
    '.lpcCommonWeb-hoverTarget', // O5 live body copy (index only)
    'span[role=button][aria-haspopup=dialog]', // O5 the same pill by role
  ],
  /** The sent time of a message card. */
  date: [
    '[data-testid=SentReceivedSavedTime]', // O5 (index only)
    '.NNlvm', // O5 collapsed card date (index only)
  ],

  /** The signed-in account: an address the user owns. */
  account: [
    '[id^=primaryMailboxRoot_][data-folder-name]', // O1 mailvelope: `data-folder-name=<address>`, 2024
    '#mectrl_currentAccount_secondary', // O5 account manager flyout (index only)
    '[id^=primaryMailboxRoot_][title]', // O1: the same tree item's title holds the address
  ],

  /** The signed-in user's display name, to leave the user out of name-only people. */
  selfName: [
    '#mectrl_currentAccount_primary', // O5 account manager flyout (index only)
    '#O365_MainLink_Me > div > div:nth-child(1)', // O4 Briskine outlook.js (user name)
  ],

  /** Message body editors: inline reply/forward, the compose form and the pop-out window. */
  editor: [
    'div[contenteditable=true][role=textbox][aria-multiline=true]', // O5 editor snippets (index only), 2025-26
    '[contenteditable=true][aria-multiline=true]', // O4 Briskine (`[contenteditable][aria-multiline=true]`)
    'div[contenteditable=true][role=textbox]', // DESIGN.md / O5 (role only)
  ],
  /** The Reply button of a message's toolbar (the icon name is not localised, the label is). */
  replyButton: [
    '[role=toolbar] i[data-icon-name=ArrowReplyRegular]', // O1 mailvelope (de): `i[data-icon-name=Arrow…Regular]`
    'i[data-icon-name=ArrowReplyRegular]', // O1 without the toolbar role
    'button[aria-label=Reply], button[aria-label=Antworten], button[aria-label=Responder]', // O1 (de), en, es
  ],
  /** A compose form's root. Briskine's id first; otherwise the editor's nearest ancestor holding a recipient well. */
  composeRoot: [
    '[id*=docking_InitVisiblePart]', // O4 Briskine outlook.js, 2024
  ],
  /** Recipient wells of a compose form (editable, single line), holding pills and just-typed text. */
  composeWell: [
    'div[contenteditable=true][role=textbox]:not([aria-multiline=true])', // O4 Briskine + O5 (`div[aria-label=To][contenteditable]`)
    '[contenteditable=true]:not([aria-multiline=true])', // O4 Briskine outlook.js
  ],
  /** The compose subject; its id is `MSG_<draft id>_SUBJECT`. */
  composeSubject: [
    'input[id^=MSG_][id$=_SUBJECT]', // O5 (index only)
    'input[type=text][autocomplete=off]', // O4 Briskine outlook.js
  ],
} as const satisfies Record<string, readonly string[]>;

export type OutlookSelectorKey = keyof typeof outlookSelectors;

/** Recipient-line labels that mean Cc/Bcc (en, de, es, fr, pt). Anything else — or no label — is decided by position. */
export const CC_LABEL = /^\s*(b?cc|cco|cci|bkopie|kopie)(?=\s|:|$)/i;
/** Labels that mean To in the same locales. */
export const TO_LABEL = /^\s*(to|an|para|a)\s*(:|$)/i;
