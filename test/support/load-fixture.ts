import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * What a page in e2e/pages/otp/ expects, from its <script type="application/json" id="expected">.
 * `selector` may cross into an open shadow root or a frame with ` >>> `
 * (`#host >>> #code`). A page with `template` inserts that template's content
 * into `into` after `insertedAfterMs`; before that it has no code field.
 */
export interface Expected {
  kind: 'single' | 'split' | 'none'
  selector?: string
  count?: number
  smsHint?: boolean
  template?: string
  into?: string
  insertedAfterMs?: number
}

// A string, not new URL(…): under happy-dom the global URL is the window's, which fileURLToPath rejects.
const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../e2e/pages/otp/')

export const fixtureNames = (): string[] =>
  readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort()

export const fixtureHtml = (name: string): string => readFileSync(FIXTURE_DIR + name, 'utf8')

/**
 * Loads a fixture into happy-dom's global document the way Chromium would show
 * it, minus scripts (innerHTML never runs them): declarative shadow roots are
 * attached by hand (happy-dom's parser ignores `shadowrootmode`) and srcdoc
 * frames are awaited.
 */
export async function loadFixture(name: string): Promise<Expected> {
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), 'text/html')
  document.documentElement.innerHTML = parsed.documentElement.innerHTML
  for (const t of document.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode]')) {
    const host = t.parentElement
    if (!host) continue
    host.attachShadow({ mode: t.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open' }).append(t.content.cloneNode(true))
    t.remove()
  }
  for (const frame of document.querySelectorAll('iframe')) {
    for (let i = 0; i < 100 && !frame.contentDocument?.querySelector('body *'); i++) await new Promise((r) => setTimeout(r, 10))
  }
  return JSON.parse(document.getElementById('expected')?.textContent ?? 'null') as Expected
}

/** Elements for a fixture selector, crossing shadow roots and frames at each ` >>> `. */
export function resolveAll(selector: string, root: ParentNode = document): Element[] {
  const [head = '', ...rest] = selector.split(' >>> ')
  if (rest.length === 0) return [...root.querySelectorAll(head)]
  const host = root.querySelector(head)
  const inner = host?.shadowRoot ?? (host as HTMLIFrameElement | null)?.contentDocument
  return inner ? resolveAll(rest.join(' >>> '), inner) : []
}

/**
 * Runs the loaded page's inline scripts (what Chromium would have done) and
 * returns a function that removes the listeners they put on `document`, which
 * outlives each page in a test file.
 */
export function runPageScripts(): () => void {
  const added: Parameters<Document['addEventListener']>[] = []
  const original = document.addEventListener.bind(document)
  document.addEventListener = ((...args: Parameters<Document['addEventListener']>) => {
    added.push(args)
    original(...args)
  }) as Document['addEventListener']
  try {
    // Runs the fixture page's own inline scripts, as the browser would (test pages only).
    // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
    for (const s of document.querySelectorAll('script:not([type])')) new Function(s.textContent ?? '')()
  } finally {
    document.addEventListener = original
  }
  return () => {
    for (const [type, listener, options] of added) document.removeEventListener(type, listener, options)
  }
}
