/**
 * `Ui` (e2e/shared/ui.ts) over a puppeteer-core page in Firefox. puppeteer's own ARIA selectors
 * do not work over Firefox's BiDi (its `locateNodes` does not compute the names Firefox's
 * accessibility does for form fields), so elements are found in the page by role, label and text
 * with the same rules as Playwright's, and then acted on with real input: mouse clicks and key
 * presses through WebDriver BiDi, trusted events as from a person.
 */
import type { ElementHandle, KeyInput, Page } from 'puppeteer-core'
import type { El, Query, Ui } from '../shared/ui.ts'

const ACTION_TIMEOUT = 15_000

type WireName = { source: string; flags: string } | { string: string } | undefined
interface WireQuery {
  role?: string
  name?: WireName
  label?: WireName
  text?: WireName
  exact?: boolean
}

const wire = (n: Query['name']): WireName =>
  n === undefined ? undefined : typeof n === 'string' ? { string: n } : { source: n.source, flags: n.flags }

/** Runs in the page: every element matching `q`, in document order. Self-contained (serialised into the page). */
function findAll(q: WireQuery): Element[] {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
  const matches = (n: WireName, value: string): boolean => {
    if (!n) return true
    if ('source' in n) return new RegExp(n.source, n.flags).test(value)
    return q.exact ? value === norm(n.string) : value.toLowerCase().includes(norm(n.string).toLowerCase())
  }
  const hidden = (el: Element): boolean => {
    if (el.closest('[aria-hidden="true"],[hidden]')) return true
    return !(el as HTMLElement).checkVisibility?.({ visibilityProperty: true })
  }
  const byIds = (el: Element, attr: string) =>
    norm(
      (el.getAttribute(attr) ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    )
  const roleOf = (el: Element): string => {
    const explicit = el.getAttribute('role')
    if (explicit) return explicit.split(' ')[0] as string
    const tag = el.tagName.toLowerCase()
    const type = (el.getAttribute('type') ?? 'text').toLowerCase()
    if (tag === 'button') return 'button'
    if (tag === 'input') {
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button'
      if (type === 'checkbox') return 'checkbox'
      if (type === 'radio') return 'radio'
      if (type === 'search') return 'searchbox'
      if (type === 'number') return 'spinbutton'
      if (['text', 'email', 'tel', 'url'].includes(type)) return el.hasAttribute('list') ? 'combobox' : 'textbox'
      return ''
    }
    if (tag === 'textarea') return 'textbox'
    if (tag === 'select') return (el as HTMLSelectElement).multiple ? 'listbox' : 'combobox'
    if (/^h[1-6]$/.test(tag)) return 'heading'
    if (tag === 'a' && el.hasAttribute('href')) return 'link'
    if (tag === 'img') return el.getAttribute('alt') === '' ? 'presentation' : 'img'
    if (tag === 'ul' || tag === 'ol') return 'list'
    if (tag === 'li') return 'listitem'
    if (tag === 'output') return 'status'
    if (tag === 'dialog') return 'dialog'
    if (tag === 'form' && (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'))) return 'form'
    if (tag === 'main') return 'main'
    if (tag === 'nav') return 'navigation'
    return ''
  }
  const labelOf = (el: Element): string => {
    if (el.hasAttribute('aria-labelledby')) return byIds(el, 'aria-labelledby')
    if (el.hasAttribute('aria-label')) return norm(el.getAttribute('aria-label'))
    const labels = (el as HTMLInputElement).labels
    if (labels && labels.length) return norm([...labels].map((l) => l.textContent).join(' '))
    return ''
  }
  const nameFromContent = new Set([
    'button',
    'heading',
    'link',
    'listitem',
    'checkbox',
    'radio',
    'tab',
    'menuitem',
    'option',
    'cell',
    'switch',
  ])
  const nameOf = (el: Element, role: string): string => {
    const label = labelOf(el)
    if (label) return label
    if (el.tagName === 'IMG') return norm(el.getAttribute('alt'))
    if (el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes((el as HTMLInputElement).type))
      return norm((el as HTMLInputElement).value)
    if (nameFromContent.has(role)) return norm(el.textContent)
    return norm(el.getAttribute('title'))
  }
  const all = [...document.querySelectorAll('*')]
  if (q.role) return all.filter((el) => roleOf(el) === q.role && !hidden(el) && matches(q.name, nameOf(el, q.role)))
  if (q.label) {
    return all.filter((el) => {
      if (!/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && !el.hasAttribute('role')) return false
      const label = labelOf(el)
      return label !== '' && matches(q.label, label)
    })
  }
  if (q.text) {
    return all.filter((el) => {
      if (['SCRIPT', 'STYLE', 'HEAD', 'HTML', 'BODY', 'TITLE'].includes(el.tagName) || hidden(el)) return false
      const own = norm(el.textContent)
      if (!matches(q.text, own)) return false
      return ![...el.children].some((c) => matches(q.text, norm(c.textContent)))
    })
  }
  throw new Error('a query needs a role, a label or a text')
}

const describe = (q: Query) => JSON.stringify(q, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))

async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeout = ACTION_TIMEOUT): Promise<T> {
  const end = Date.now() + timeout
  let last: unknown
  for (;;) {
    try {
      const v = await fn()
      if (v !== undefined) return v
    } catch (error) {
      last = error // the document may be navigating: try again
    }
    if (Date.now() > end)
      throw new Error(
        `Timed out after ${timeout} ms waiting for ${what}${last ? ` (last error: ${last instanceof Error ? last.message : JSON.stringify(last)})` : ''}`,
      )
    await new Promise((r) => setTimeout(r, 100))
  }
}

function puppeteerEl(page: Page, q: Query): El {
  const wq: WireQuery = { role: q.role, name: wire(q.name), label: wire(q.label), text: wire(q.text), exact: q.exact }
  const count = () => page.evaluate(findAll, wq).then((xs) => xs.length)
  /** Runs `fn` in the page on every match (functions passed to the page cannot call findAll themselves). */
  const onMatches = async <R>(fn: (els: Element[]) => R): Promise<R> => {
    const handle = await page.evaluateHandle(findAll, wq)
    try {
      return await handle.evaluate(fn)
    } finally {
      await handle.dispose().catch(() => undefined)
    }
  }
  /** Exactly one match (strict, like Playwright's locators), visible and enabled when acting on it. */
  const one = (needVisible = true) =>
    poll(`exactly one ${needVisible ? 'visible ' : ''}element for ${describe(q)}`, async () => {
      const handles = await page.evaluateHandle(findAll, wq)
      const props = await handles.getProperties()
      await handles.dispose()
      const els = [...props.values()].map((h) => h.asElement()).filter((h): h is ElementHandle<Element> => h !== null)
      if (els.length > 1) throw new Error(`strict mode: ${els.length} elements match ${describe(q)}`)
      const [el] = els
      if (!el) return undefined
      if (needVisible && !(await el.evaluate((e) => (e as HTMLElement).checkVisibility() && !(e as HTMLButtonElement).disabled)))
        return undefined
      return el
    })
  const el: El = {
    click: async () => {
      const h = await one()
      await h.click()
    },
    fill: async (value) => {
      const h = await one()
      await h.click()
      await h.evaluate((e) => (e as HTMLInputElement).select())
      if (value === '') await page.keyboard.press('Backspace')
      // Replaces the selection in one edit, like a paste (what Playwright's fill does too): the
      // browser's own editing fires beforeinput/input as for typed text.
      else await h.evaluate((_e, value) => document.execCommand('insertText', false, value), value)
    },
    check: async () => {
      const h = await one()
      if (!(await h.evaluate((e) => (e as HTMLInputElement).checked))) await h.click()
    },
    focus: async () => {
      const h = await one()
      await h.focus()
    },
    selectOption: async (label) => {
      const h = await one()
      const value = await h.evaluate(
        (e, label) => [...(e as HTMLSelectElement).options].find((o) => o.label.trim() === label)?.value,
        label,
      )
      if (value === undefined) throw new Error(`no option "${label}" in ${describe(q)}`)
      await h.select(value)
    },
    count,
    isVisible: async () => (await onMatches((els) => els.filter((e) => (e as HTMLElement).checkVisibility()).length).catch(() => 0)) > 0,
    isEnabled: async () => (await one(false)).evaluate((e) => !(e as HTMLButtonElement).disabled),
    text: async () => (await one(false)).evaluate((e) => e.textContent ?? ''),
    allTexts: () => onMatches((els) => els.map((e) => e.textContent ?? '')).catch(() => [] as string[]),
    value: async () => (await one(false)).evaluate((e) => (e as HTMLInputElement).value),
    attribute: async (name) => (await one(false)).evaluate((e, name) => e.getAttribute(name), name),
    setFiles: async (...paths) => {
      const h = (await one(false)) as ElementHandle<HTMLInputElement>
      await h.uploadFile(...paths)
    },
  }
  return el
}

/** Presses "Alt+Shift+F"-style chords. */
async function pressChord(page: Page, chord: string): Promise<void> {
  const keys = chord.split('+') as KeyInput[]
  const last = keys.pop() as KeyInput
  for (const k of keys) await page.keyboard.down(k)
  await page.keyboard.press(last)
  for (const k of keys.reverse()) await page.keyboard.up(k)
}

/**
 * puppeteer does not follow navigations to moz-extension:// pages (its URL stays about:blank), but
 * it does evaluate in them: reloads and waits are done in the page.
 */
async function reloadPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    ;(window as unknown as { __kfBeforeReload?: boolean }).__kfBeforeReload = true
    location.reload()
  })
  await waitForNewDocument(page)
}

export async function waitForNewDocument(page: Page, urlPrefix?: string): Promise<void> {
  await poll(
    'the page to load',
    async () =>
      (await page.evaluate(
        (prefix) =>
          !(window as unknown as { __kfBeforeReload?: boolean }).__kfBeforeReload &&
          document.readyState === 'complete' &&
          (!prefix || location.href.startsWith(prefix)),
        urlPrefix ?? '',
      ))
        ? true
        : undefined,
    30_000,
  )
}

export function puppeteerUi(page: Page): Ui & { page: Page } {
  const ui: Ui & { page: Page } = {
    page,
    browserName: 'firefox',
    get: (q) => puppeteerEl(page, q),
    role: (role, name, exact) => ui.get({ role, name, exact }),
    label: (label, exact) => ui.get({ label, exact }),
    text: (text, exact) => ui.get({ text, exact }),
    press: (key) => pressChord(page, key),
    type: (text) => page.keyboard.type(text),
    reload: () => reloadPage(page),
    evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>,
  }
  return ui
}
