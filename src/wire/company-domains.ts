// Where companies come from (Decision D32): a contact's company is its primary email's domain, lower-cased,
// unless that domain is free mail. The list is fixed, compared by exact domain.

export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com', 'aol.com',
  'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'mail.com', 'yandex.com'
])

/** The company domain of a primary email: its lower-cased domain, or null for none or free mail. */
export function companyDomainOf (email: string | null | undefined): string | null {
  if (email === null || email === undefined) return null
  const at = email.lastIndexOf('@')
  if (at === -1) return null
  const domain = email.slice(at + 1).toLowerCase()
  return domain === '' || FREE_MAIL_DOMAINS.has(domain) ? null : domain
}

/** A company's look-up key: domains compare without regard to case. */
export function domainKey (domain: string): string {
  return domain.toLowerCase()
}
