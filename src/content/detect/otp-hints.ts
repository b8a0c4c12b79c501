/**
 * Word lists for one-time-code fields, matched against text normalised by
 * `normalise`. Deliberately short (this ships in the content script of every
 * page): a list only needs the words that decide a real case. Positive words
 * cover en, de, fr, es, pt, it, nl, pl, ja, zh, ko; the vetoes need only the
 * look-alikes that also say "code" (promo code, code postal, 图形验证码…), since a
 * field without code-ish words never reaches the threshold anyway.
 */

/** Says "one-time code" on its own. Code-centric on purpose: "verify your e-mail" is not one. */
export const STRONG =
  /\b(?:[th]?otp|otc|[2mt]fa|one ?time|two ?(?:factor|step)|authenticator|passcode|tan)\b|(?:verif|confirm|secur|auth|log ?in|digit|sms|mail|best[äa]tig|sicherheit|anmelde|beveilig|bevestig|inlog)\w* ?code|(?:code|c[oó]digo|codice) d\S* ?(?:v[ée]rif|s[ée]cur|segur|sicur|confi|acc)|einmal|usage unique|eenmalig|weryfik|jednoraz|uwierzyt|確認コード|ワンタイム|[验驗][证證][码碼]|[动動][态態]|一次性|[认認][证證証]|安全[码碼]|인증/

/** Suggests a code without saying which kind. */
export const WEAK = /\b(?:code|pin|token|kod)\b|c[oó]digo|codice|コード|[码碼]/

/** Never a one-time code, whatever else the field says. */
export const NEVER =
  /user|search|captcha|图[形片]|圖形|画像|coupon|promo|voucher|gift|gutschein|rabat|korting|cup[oó]n|cupom|buono|kupon|クーポン|referral|invit|zip|postal|post ?code|plz|pocztow|郵便|邮编|card|kart|kaart|tarjeta|cart[aãe]|カード|cvv|cvc|csc|\bcc\b|expir|country/

/** E-mail, phone and password fields; overruled only by a STRONG word ("e-mail code", "one-time password"). */
export const IDENTITY =
  /mail|correo|courriel|メール|phone|\btel|handy|mobil|m[óo]vil|cell?ular|[電电][話话]|手[机機]|pass ?w|passe\b|contrase|senha|wachtwoord|has[łl]o|パスワード|密[码碼]/

/** The page says the code was sent by text message or e-mail. */
export const SENT =
  /\bsms\b|\btext(?:ed| message)\b|\bsent\b|mail|gesendet|geschickt|envoy|envi[aá]|inviat|verzonden|stuurd|wysła|送|短信|簡訊|メール|[邮郵]件/

/** …unless it also mentions an authenticator app (the "use SMS instead" link). */
export const APP = /authenticator|\bapp\b|\bappli|aplica|aplika|アプリ|[应應]用|[验驗][证證]器/

/** Lower case, with camelCase and `_-.:[]` turned into word breaks, so `\b` works on names. */
export const normalise = (s: string): string =>
  s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[\s_.:[\]-]+/g, ' ')

/** …and says where it went: a mailbox, or a phone (text message). */
export const BY_MAIL = /mail|\S@\S|courriel|correo|メール|[邮郵]件/
export const BY_PHONE = /\bsms\b|\btext(?:ed| message)\b|phone|handy|mobil|tel[eé]f|cell|短信|簡訊|手[机機]|携帯/
