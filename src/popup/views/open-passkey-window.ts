/**
 * Opens the passkey window (src/options/passkey-unlock.html, with `query`) and closes the popup:
 * the popup closes anyway when the system's passkey prompt takes the focus, and with it any
 * ceremony it had started, so the prompt runs in a small window of its own (a tab where the
 * browser has no windows API).
 */
import { ext } from '../../shared/browser-api.ts'

export function openPasskeyWindow(query: Record<string, string>, height: number): void {
  const search = new URLSearchParams(query).toString()
  const url = ext.runtime.getURL(`src/options/passkey-unlock.html${search ? `?${search}` : ''}`)
  void (ext.windows ? ext.windows.create({ url, type: 'popup', width: 420, height }) : ext.tabs.create({ url })).then(() => window.close())
}
