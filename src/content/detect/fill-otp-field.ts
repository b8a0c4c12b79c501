import { KeyfobError } from '../../core/errors.ts'
import type { OtpFieldMatch } from './otp-field-match.ts'

/**
 * Types `code` into a detected field the way a person would, as far as page
 * scripts can tell, and never submits the form (no Enter, no submit()): the
 * user, or the page itself, decides that.
 *
 * The value goes through HTMLInputElement.prototype's own `value` setter, not
 * the element's: React installs an instance-level setter that records the
 * value ("value tracker") and ignores an `input` event whose value it already
 * saw, so setting `input.value = …` is silently undone on the next render.
 * Then `input` (what React, Vue's v-model and Angular's DefaultValueAccessor
 * listen to) and `change` fire, bubbling and composed so that listeners
 * outside a shadow root hear them. Split boxes get one character each, with
 * keydown/keyup around it for auto-advance scripts. Any stale value is replaced.
 *
 * Throws KeyfobError('CODE_DOES_NOT_FIT') when the code cannot fit: longer than
 * a single field's maxlength, or not one character per box.
 */
export function fillOtpField(match: OtpFieldMatch, code: string): void {
  const chars = [...code.replace(/\s+/g, '')]
  const inputs = match.kind === 'single' ? [match.input] : match.inputs
  const max = match.kind === 'single' ? match.input.maxLength : 1
  if (chars.length === 0 || (match.kind === 'split' && chars.length !== inputs.length) || (max > 0 && chars.length > max * inputs.length)) {
    throw new KeyfobError('CODE_DOES_NOT_FIT', `A ${chars.length}-character code does not fit the field.`)
  }
  if (match.kind === 'single') type(match.input, chars.join(''), false)
  else inputs.forEach((input, i) => type(input, chars[i] ?? '', true))
}

function type(input: HTMLInputElement, value: string, keys: boolean): void {
  const init = { bubbles: true, composed: true }
  const key = (type: string): void => {
    input.dispatchEvent(new KeyboardEvent(type, { ...init, cancelable: true, key: value, code: /\d/.test(value) ? `Digit${value}` : '' }))
  }
  input.focus()
  if (keys) key('keydown')
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value)
  input.dispatchEvent(new InputEvent('input', { ...init, data: value, inputType: 'insertText' }))
  if (keys) key('keyup')
  input.dispatchEvent(new Event('change', init))
}
