/** The alarm that wakes Firefox's stopped event page to clear a copied code (clipboard-clearer.ts). */
export const CLIPBOARD_ALARM = 'keyfob-clipboard-clear'
