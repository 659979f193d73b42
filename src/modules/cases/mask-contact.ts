/**
 * Contact details are personal information (DESIGN §7): whole for those handling the case, masked
 * for everyone else and in every export. A citizen's number often sits in the message itself
 * (「联系电话13812345678」), so the text is masked as well as the contact field.
 */

import { can, type Actor } from '../access/actor.js';
import { permissionsOf } from '../access/roles.js';

const HANDLING = ['cases.register', 'cases.decide', 'cases.handle'] as const;

/** Those handling cases (register, decide, handle) see contact details whole; the rest masked. */
export function seesContacts(actor: Actor): boolean {
  return HANDLING.some((p) => can(actor, p));
}

/** The same rule for a user known only by their roles (a notification's recipient). */
export function rolesSeeContacts(roles: readonly string[]): boolean {
  const held = permissionsOf(roles);
  return HANDLING.some((p) => held.includes(p));
}

/** A citizen's text as this actor may read it: whole, or with the contact details masked. */
export function postTextFor(actor: Actor): (text: string) => string {
  return seesContacts(actor) ? (text) => text : maskContactsInText;
}

/** Masks one contact field: a mobile number, an e-mail address, or whatever else was given. */
export function maskContact(contact: string): string {
  const phone = /^(\+?\d{0,3}[ -]?)?(1\d{2})\d{4}(\d{4})$/.exec(contact.replace(/\s/g, ''));
  if (phone) return `${phone[2]}****${phone[3]}`;
  // A landline as the text shows it masked (LANDLINE): area code and last four digits.
  const landline = /^(0\d{2,3})[-－](\d{3,4})(\d{4})$/.exec(contact.replace(/\s/g, ''));
  if (landline) return `${landline[1]}-${'*'.repeat(landline[2]?.length ?? 4)}${landline[3]}`;
  const email = /^(.)[^@]*(@.+)$/.exec(contact);
  if (email) return `${email[1]}***${email[2]}`;
  if (contact.length <= 2) return '*'.repeat(contact.length);
  return `${contact[0]}${'*'.repeat(Math.min(contact.length - 2, 8))}${contact.at(-1)}`;
}

// Identity card numbers first: a mobile number's digits can sit inside one.
const ID_CARD = /(?<![\dA-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![\dA-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
// A landline only with its area code and a dash (0571-12345678): bare digit runs may be amounts.
const LANDLINE = /(?<!\d)(0\d{2,3})[-－](\d{3,4})(\d{4})(?!\d)/g;
const EMAIL =
  /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;

/** Masks the mobile and landline numbers, identity card numbers and e-mail addresses in a text. */
export function maskContactsInText(text: string): string {
  return text
    .replace(ID_CARD, (_, head: string, tail: string) => `${head}********${tail}`)
    .replace(MOBILE, '$1****$2')
    .replace(
      LANDLINE,
      (_, area: string, mid: string, last: string) => `${area}-${'*'.repeat(mid.length)}${last}`,
    )
    .replace(EMAIL, '$1***$2');
}
