// Gmail compose windows for E2E, following tests/fixtures/gmail/compose-en.html (DOM-FACTS G4, G6, G8).
import type { Page } from '@playwright/test';
import { esc, type Person } from './gmail-dom';

export const gmailChip = (p: Person) =>
  `<div role="option" class="afV" data-hovercard-id="${esc(p.email)}" data-name="${esc(p.name)}"><div class="akl">${esc(p.name || p.email)}</div></div>`;

const well = (name: 'to' | 'cc', people: Person[]) =>
  `<tr class="bzf"><td class="eV"><div><div class="anm" name="${name}"><div role="listbox">${people.map(gmailChip).join('')}</div><input class="agP aFw" role="combobox" aria-label="${name} recipients"></div></div></td></tr>`;

/** One compose form: the dialog's inner part, also the whole page of the pop-out window. */
export function composeFormHtml(id: string, to: Person[] = [], cc: Person[] = []): string {
  return `<div class="M9"><div class="aoI" role="region" aria-label="New Message"><form class="bAs">
<input type="hidden" name="composeid" value="${esc(id)}"><div class="fX"><table class="GS"><tbody>${well('to', to)}${well('cc', cc)}</tbody></table></div>
<div class="aoD az6"><input class="aoT" name="subjectbox" aria-label="Subject" value=""></div>
<div class="Am Al editable" contenteditable="true" role="textbox" aria-label="Message Body" g_editable="true" aria-multiline="true" style="min-height:60px;border:1px solid #ccc">Hi,</div>
</form></div></div>`;
}

export function composeDialogHtml(id: string, to: Person[] = [], cc: Person[] = []): string {
  return `<div class="nH Hd" role="dialog" id="compose-${esc(id)}" style="position:fixed;bottom:0;left:${id.length * 200 - 180}px;width:360px;background:#fff">${composeFormHtml(id, to, cc)}</div>`;
}

/** Opens a compose dialog in the mole container Gmail keeps outside the views. */
export async function openComposeDialog(page: Page, id: string, to: Person[] = []) {
  await page.evaluate((html) => {
    let host = document.querySelector('div.dw');
    if (!host) {
      host = document.createElement('div');
      host.className = 'dw';
      document.body.append(host);
    }
    host.insertAdjacentHTML('beforeend', html);
  }, composeDialogHtml(id, to));
}

export async function addChip(page: Page, id: string, well: 'to' | 'cc', person: Person) {
  await page.evaluate(({ selector, html }) => document.querySelector(selector)?.insertAdjacentHTML('beforeend', html), {
    selector: `#compose-${id} [name=${well}] [role=listbox]`,
    html: gmailChip(person),
  });
}

export async function removeChip(page: Page, id: string, email: string) {
  await page.evaluate((selector) => document.querySelector(selector)?.remove(), `#compose-${id} [data-hovercard-id="${email}"]`);
}

export function gmailPopoutHtml(self: Person, form: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>New Message - ${esc(self.email)} - Gmail</title></head><body><div class="AD">${form}</div></body></html>`;
}
