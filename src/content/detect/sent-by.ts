import { APP, BY_MAIL, BY_PHONE, SENT } from './otp-hints.ts'

/** Where the page says the code was sent: by text message, by e-mail, or sent without saying how. */
export type SentBy = 'sms' | 'email' | 'sent'

/**
 * Where the code in a field with this (normalised) context was sent, or null when the page does not say it
 * sent one or mentions an authenticator app (the "use an authenticator app instead" link). When the page
 * names both a phone and a mailbox ("we texted you; or use e-mail"), the first one named is the one asked for.
 */
export function sentBy(context: string): SentBy | null {
  if (!SENT.test(context) || APP.test(context)) return null
  const phone = context.search(BY_PHONE)
  const mail = context.search(BY_MAIL)
  if (phone < 0 && mail < 0) return 'sent'
  return mail >= 0 && (phone < 0 || mail < phone) ? 'email' : 'sms'
}
