/**
 * One way for a test to act on a page like a person (by role, label and text; real clicks and keys),
 * whichever browser drives it: Playwright's Chromium (`playwrightUi`) or puppeteer-core's Firefox
 * (`e2e/firefox/puppeteer-ui.ts`). Flows written against `Ui` (e2e/shared/flows.ts) run in both.
 *
 * Names match like Playwright's: a string is a case-insensitive substring of the accessible name
 * (whole and case-sensitive with `exact`), a RegExp is tested against it.
 */
import { expect, type Locator, type Page } from '@playwright/test'

export type Name = string | RegExp

export interface Query {
  role?: string
  /** Accessible name, with `role`. */
  name?: Name
  /** A form control by its label (label element, aria-label or aria-labelledby). */
  label?: Name
  /** The element whose own text matches. */
  text?: Name
  exact?: boolean
}

/** A lazily resolved element: actions wait (up to the timeout) for exactly one visible match. */
export interface El {
  click(): Promise<void>
  /** Replaces the field's text, as a person selecting it all and typing (or pasting). */
  fill(value: string): Promise<void>
  check(): Promise<void>
  focus(): Promise<void>
  /** Picks the option with this visible label. */
  selectOption(label: string): Promise<void>
  count(): Promise<number>
  isVisible(): Promise<boolean>
  isEnabled(): Promise<boolean>
  text(): Promise<string>
  /** The text of every match (no waiting, no strictness). */
  allTexts(): Promise<string[]>
  value(): Promise<string>
  attribute(name: string): Promise<string | null>
  /** Chooses these files in a file input, as a person does in the file picker. */
  setFiles(...paths: string[]): Promise<void>
}

export interface Ui {
  readonly browserName: 'chromium' | 'firefox'
  get(query: Query): El
  role(role: string, name?: Name, exact?: boolean): El
  label(label: Name, exact?: boolean): El
  text(text: Name, exact?: boolean): El
  /** Presses a key or a chord ("Enter", "Alt+ArrowDown") in the focused element. */
  press(key: string): Promise<void>
  /** Types text with key presses into the focused element. */
  type(text: string): Promise<void>
  reload(): Promise<void>
  /** Runs `fn` in the page (for extension pages: with the extension API). */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>
}

/** Waits for the element to be shown (polling; sized for a slow, shared machine). */
export async function expectVisible(el: El, message?: string, timeout = 15_000): Promise<void> {
  await expect.poll(() => el.isVisible(), { message, timeout }).toBe(true)
}

export async function expectHidden(el: El, message?: string, timeout = 15_000): Promise<void> {
  await expect.poll(() => el.count(), { message, timeout }).toBe(0)
}

/** Waits until one of the matching elements (say, one of the status regions) has this text (whole, or matching the RegExp). */
export async function expectText(el: El, text: Name, timeout = 15_000): Promise<void> {
  const ok = (s: string) => (typeof text === 'string' ? s.trim() === text : text.test(s.trim()))
  await expect.poll(async () => (await el.allTexts()).some(ok), { timeout, message: `an element with the text ${String(text)}` }).toBe(true)
}

/** Sends one popup request from an extension page: the same message the popup sends. */
export function popupRequest<T = unknown>(
  ui: Ui,
  type: string,
  input: object,
): Promise<{ ok: boolean; value: T; error?: { code: string } }> {
  return ui.evaluate(([type, input]) => chrome.runtime.sendMessage({ channel: 'popup', type, input }), [type, input] as const)
}

// ── Playwright (Chromium) ──────────────────────────────────────────────────────────────────────

function locate(page: Page, q: Query): Locator {
  if (q.role) return page.getByRole(q.role as Parameters<Page['getByRole']>[0], { name: q.name, exact: q.exact })
  if (q.label !== undefined) return page.getByLabel(q.label, { exact: q.exact })
  if (q.text !== undefined) return page.getByText(q.text, { exact: q.exact })
  throw new Error('a query needs a role, a label or a text')
}

function playwrightEl(locator: Locator): El {
  return {
    click: () => locator.click(),
    fill: (value) => locator.fill(value),
    check: () => locator.check(),
    focus: () => locator.focus(),
    selectOption: async (label) => void (await locator.selectOption({ label })),
    count: () => locator.count(),
    isVisible: () => locator.isVisible(),
    isEnabled: () => locator.isEnabled(),
    text: async () => (await locator.textContent()) ?? '',
    allTexts: () => locator.allTextContents(),
    value: () => locator.inputValue(),
    attribute: (name) => locator.getAttribute(name),
    setFiles: (...paths) => locator.setInputFiles(paths),
  }
}

export function playwrightUi(page: Page): Ui {
  const ui: Ui = {
    browserName: 'chromium',
    get: (q) => playwrightEl(locate(page, q)),
    role: (role, name, exact) => ui.get({ role, name, exact }),
    label: (label, exact) => ui.get({ label, exact }),
    text: (text, exact) => ui.get({ text, exact }),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    reload: async () => void (await page.reload()),
    evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown),
  }
  return ui
}
