import { isKeyfobError } from '../core/errors.ts'
import { t } from './i18n.ts'

/**
 * A sentence for the person in front of the popup or a page: the code's own
 * (`error_<CODE>` in _locales) with the values it names (the rule of errorSentence in sentence.ts).
 */
export function errorText(e: unknown): string {
  if (isKeyfobError(e)) return t(`error_${e.code}`, e.values ?? e.message)
  return e instanceof Error ? e.message : String(e)
}
