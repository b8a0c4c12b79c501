/**
 * Keyfob's hosts in the page's top layer, so a modal <dialog> or a fullscreen element the page shows
 * neither draws over them nor makes them inert (HTML §6.12 the popover attribute, §4.11.4 the dialog
 * element: a modal dialog makes everything below it in the top layer inert). `popover="manual"` is
 * never light-dismissed; a page's hidePopover() is undone. The top layer is ordered by insertion, so
 * when the page adds to it later (a dialog opened, fullscreen, its own popover), Keyfob's hosts are
 * hidden and shown again: that re-appends them on top. Inside a modal dialog or a fullscreen element they sit in it. Without the Popover API, and in frames, hosts stay as before.
 */
const hosts = new Set<HTMLElement>()
let watching = false

const show = (host: HTMLElement): void => {
  if (host.isConnected && !host.matches(':popover-open')) host.showPopover()
}

/**
 * Where a host goes: inside the topmost modal dialog, else inside the fullscreen element, else under <html>.
 * A modal dialog makes everything but its own descendants inert, popovers shown above it included, and
 * fullscreen takes everything outside the fullscreen element out of the accessibility tree (Chromium:
 * "activeModalDialog", "activeFullscreenElement"): a host outside them could be seen but neither clicked
 * nor read by a screen reader.
 */
function home(host: HTMLElement, opened?: Element): Element {
  if (opened) return opened
  const at = host.parentElement
  if (at?.matches('dialog:modal')) return at
  const modals = document.querySelectorAll('dialog:modal')
  const full = document.fullscreenElement
  // A replaced element (a video, a frame) draws none of its children.
  return modals[modals.length - 1] ?? (full && !full.matches('video,iframe,img,canvas,object,embed') ? full : document.documentElement)
}

function raise(records?: MutationRecord[]): void {
  // The dialog the page just opened modally is the topmost one.
  const opened = records
    ?.map((r) => r.target as Element)
    .reverse()
    .find((t) => t.matches('dialog:modal'))
  for (const host of hosts) {
    if (!host.isConnected) {
      hosts.delete(host)
      continue
    }
    const at = home(host, opened)
    // Moving a popover hides it (removing steps); showing it again puts it on top.
    if (host.parentElement === at) host.hidePopover()
    else at.append(host)
    show(host)
  }
}

function watch(): void {
  watching = true
  // showModal() and close() set and remove `open`; a page's own popovers and fullscreen fire events (captured: toggle does not bubble).
  // Only dialogs: <details open> toggles too, and raising needlessly would move focus out of a panel.
  new MutationObserver((records) => records.some((r) => r.target.nodeName === 'DIALOG') && raise(records)).observe(document, {
    attributeFilter: ['open'],
    subtree: true,
  })
  document.addEventListener('fullscreenchange', () => raise(), true)
  document.addEventListener('toggle', (e) => !hosts.has(e.target as HTMLElement) && e.newState === 'open' && raise(), true)
}

/** Puts `host` in the document, in the top layer (when the browser has it), and keeps it on top. */
export function toTopLayer(host: HTMLElement): void {
  // Frames keep hosts out of the top layer: there a host is painted over the document element, so the frame's
  // clickjacking check (frame-visible.ts, Intersection Observer v2) would take Keyfob's own button for an occlusion.
  if (typeof host.showPopover !== 'function' || window !== window.top) return void document.documentElement.append(host)
  host.popover = 'manual'
  host.addEventListener('toggle', (e) => e.newState === 'closed' && show(host))
  home(host).append(host)
  hosts.add(host)
  if (!watching) watch()
  show(host)
}

/**
 * Resets for a host (in its shadow root's style): `!important` in a shadow root's `:host` wins over the
 * page's own `!important` rules (CSS Cascade 4 §6.1, context), and `all: initial` also undoes the UA's
 * popover styles (inset, margin, border, padding, background, overflow). The host is a zero-size fixed
 * box at the viewport's corner; what it draws is positioned inside the shadow root.
 */
export const HOST_STYLE = `:host{all:initial!important;position:fixed!important;inset:0 auto auto 0!important;width:0!important;height:0!important;display:block!important;z-index:2147483647!important}`
