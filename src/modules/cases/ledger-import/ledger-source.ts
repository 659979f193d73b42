/**
 * The source key of the messages a ledger import stores with its cases. They are handled history:
 * reports of their dates and the routing suggestion count them, alert rules (what is being said
 * now) do not.
 */
export const LEDGER_SOURCE_KEY = 'ledger';
