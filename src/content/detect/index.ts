/** One-time-code fields: find them (pure DOM reading), watch for new ones, fill one. */
export { detectOtpFields } from './detect-otp-fields.ts'
export { watchOtpFields } from './watch-otp-fields.ts'
export { fillOtpField } from './fill-otp-field.ts'
export { isVisible } from './is-visible.ts'
export type { DetectOptions, OtpFieldMatch, OtpReason, SingleOtpField, SplitOtpField } from './otp-field-match.ts'
