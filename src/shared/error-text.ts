import { isKeyfobError } from '../core/errors.ts'
import { t } from './i18n.ts'

/**
 * A sentence for the person in front of the popup: a translated one per error
 * code where one exists (`error_<CODE>` in _locales), else the error's own
 * specific message (parse errors name the field or character at fault).
 */
export function errorText(e: unknown): string {
  if (isKeyfobError(e)) {
    const key = `error_${e.code}`
    const translated = t(key)
    return translated !== key ? translated : e.message
  }
  return e instanceof Error ? e.message : String(e)
}
