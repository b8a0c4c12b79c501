/**
 * Chromium's one offscreen document (src/offscreen), shared by the clipboard clear and QR
 * decoding: an extension may have a single one, so whoever needs it first creates it with
 * every reason it will serve, and it is closed only when nobody uses it and the last user
 * asked for that (the clipboard clear: nothing else keeps it open; a scan leaves it open, so
 * the next scan finds the decoder ready, and its worker ends itself when idle).
 * https://developer.chrome.com/docs/extensions/reference/api/offscreen
 */
export const OFFSCREEN_URL = 'src/offscreen/index.html'

export interface OffscreenApi {
  createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>
  closeDocument(): Promise<void>
}

/** chrome.offscreen, where the browser has it (Chromium); Firefox has none. */
export const offscreenApi = (): OffscreenApi | undefined => (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen

let users = 0

async function ensureOffscreen(offscreen: OffscreenApi): Promise<void> {
  const contexts = await (chrome.runtime as unknown as { getContexts?: (f: object) => Promise<unknown[]> }).getContexts?.({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
  })
  if (contexts && contexts.length > 0) return
  await offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: ['CLIPBOARD', 'WORKERS'],
      justification:
        'Clear a copied two-factor code from the clipboard after the delay the user chose, and decode the QR codes the user scans in a worker.',
    })
    .catch((e: unknown) => {
      // Two requests in quick succession: the other one created it first.
      if (!String(e).includes('Only a single offscreen')) throw e
    })
}

/** Runs `use` with the offscreen document open; `close`: close it afterwards if nobody else is using it. */
export async function withOffscreen<T>(offscreen: OffscreenApi, use: () => Promise<T>, opts: { close: boolean }): Promise<T> {
  users++
  try {
    await ensureOffscreen(offscreen)
    return await use()
  } finally {
    if (--users === 0 && opts.close) await offscreen.closeDocument().catch(() => undefined)
  }
}
