// What the background's code engine uses from the OTP engine (tests import the modules themselves).
export { codeWindow } from './code-window.ts'
export { codeForCounter, generateCodeWithKey, importConfigKey, type OtpKey } from './generate-code.ts'
