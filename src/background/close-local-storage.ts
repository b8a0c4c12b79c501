/**
 * Chromium lets content scripts read and write storage.local unless the extension says
 * otherwise; a compromised page process runs code in that world. Closing the area to
 * trusted contexts (the worker and Keyfob's own pages) keeps it from forging settings or
 * the wrong-password count there. Firefox has no such switch (there, what weakens
 * protection lives inside the encrypted vault instead; see settings-store.ts).
 */
export function closeLocalStorageToContentScripts(): void {
  const local = (globalThis as { chrome?: { storage?: { local?: Partial<chrome.storage.LocalStorageArea> } } }).chrome?.storage?.local
  if (typeof local?.setAccessLevel !== 'function') return
  // Set on every start, before any listener is registered, so no event is handled with the area open.
  void Promise.resolve(local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' })).catch(() => undefined)
}
