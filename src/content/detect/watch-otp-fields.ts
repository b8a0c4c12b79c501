import { collectInputs } from './collect-inputs.ts'
import { isVisible } from './is-visible.ts'
import { matchFields } from './match-fields.ts'
import type { DetectOptions, OtpFieldMatch } from './otp-field-match.ts'

const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  // What can make a field appear, disappear or change kind; not value, not aria-*.
  attributeFilter: ['type', 'hidden', 'style', 'class', 'disabled', 'readonly', 'autocomplete', 'maxlength', 'open'],
}

// nodeType, not instanceof: nodes of a same-origin frame come from another realm.
const isElement = (n: Node): n is Element => n.nodeType === 1

/** Could this node add, remove or reveal an input? Cheap checks first; animations on leaf elements are skipped. */
const relevant = (n: Node): boolean =>
  isElement(n) &&
  (/^(?:input|i?frame)$/.test(n.localName) ||
    n.localName.includes('-') ||
    n.shadowRoot !== null ||
    n.querySelector('input,iframe,frame') !== null)

/**
 * Calls `callback` with the current matches whenever the set of detected fields
 * changes, including once soon after the start if there are any. Driven by a
 * MutationObserver (no polling) on `root`, on every open shadow root and
 * same-origin frame document found, and by frames' load events; bursts of
 * mutations are coalesced into one detection per animation frame (a microtask
 * where there is no requestAnimationFrame). Returns a function that stops it.
 */
export function watchOtpFields(
  root: ParentNode & Node,
  callback: (matches: OtpFieldMatch[]) => void,
  opts: DetectOptions = {},
): () => void {
  const visible = opts.isVisible ?? isVisible
  const frames: Element[] = []
  let last: HTMLInputElement[] = []
  let pending = false
  let stopped = false

  const run = (): void => {
    pending = false
    if (stopped) return
    const matches = matchFields(collectInputs(root, visible, visit), visible, opts.minScore)
    const now = matches.flatMap((m) => (m.kind === 'single' ? [m.input] : m.inputs))
    if (now.length === last.length && now.every((el, i) => el === last[i])) return
    last = now
    callback(matches)
  }
  const schedule = (): void => {
    if (pending || stopped) return
    pending = true
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run)
    else queueMicrotask(run)
  }
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes' ? relevant(r.target) : [...r.addedNodes, ...r.removedNodes].some(relevant)) return schedule()
    }
  })
  // Shadow roots and frame documents are separate trees: a subtree observer on root does not see into them.
  function visit(node: Node): void {
    if (!isElement(node)) observer.observe(node, OBSERVE)
    else if (!frames.includes(node)) {
      frames.push(node)
      node.addEventListener('load', schedule)
    }
  }

  observer.observe(root, OBSERVE)
  schedule()
  return () => {
    stopped = true
    observer.disconnect()
    for (const f of frames) f.removeEventListener('load', schedule)
  }
}
