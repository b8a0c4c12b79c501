/**
 * Clipboard access for a document that is not focused (Chromium's offscreen
 * document, Firefox's event page), where navigator.clipboard refuses to work:
 * execCommand with the clipboardRead/clipboardWrite permissions still does.
 */
function readClipboard(doc: Document): string {
  const area = doc.createElement('textarea')
  doc.body.append(area)
  area.focus()
  doc.execCommand('paste')
  const text = area.value
  area.remove()
  return text
}

function emptyClipboard(doc: Document): void {
  const onCopy = (e: ClipboardEvent) => {
    e.clipboardData?.setData('text/plain', '')
    e.preventDefault()
  }
  doc.addEventListener('copy', onCopy)
  try {
    doc.execCommand('copy')
  } finally {
    doc.removeEventListener('copy', onCopy)
  }
}

/** Empties the clipboard after `delayMs` if it still holds `code` (something copied since is left alone). */
export function clearClipboardLater(doc: Document, code: string, delayMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const still = readClipboard(doc) === code
      if (still) emptyClipboard(doc)
      resolve(still)
    }, delayMs)
  })
}
