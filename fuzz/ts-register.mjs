/** `node --import ./fuzz/ts-register.mjs`: installs ts-hooks.mjs (worker threads inherit the flag). */
import { register } from 'node:module'

register('./ts-hooks.mjs', import.meta.url)
