import { ext } from './browser-api.ts'

/** Looks up a `_locales` string; a missing key shows the key itself so it is noticed. */
export function t(key: string, substitutions?: string | string[]): string {
  return ext.i18n.getMessage(key, substitutions) || key
}
