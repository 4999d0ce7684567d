// The value lists of the customer record, without zod: the sidebar renders them as choices, and the schemas in
// record.ts / transactions.ts validate against these same arrays, so there is one source for both.

export const PREFERRED_CHANNELS = ['email', 'phone', 'whatsapp', 'linkedin', 'meeting'] as const;
export const PERSONA_ROLES = ['technical_evaluator', 'economic_evaluator', 'champion', 'power_sponsor', 'vetoer', 'user', 'other'] as const;
export const COMPANY_SIZE_BANDS = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'] as const;
export const CONTACT_SOURCES = ['organic', 'paid', 'referral', 'event', 'import', 'manual'] as const;

export const CURRENCIES = [
  'EUR', 'USD', 'GBP', 'MXN', 'ARS', 'COP', 'CLP', 'PEN', 'BRL', 'CAD',
  'AUD', 'CHF', 'JPY', 'CNY', 'INR', 'SEK', 'NOK', 'DKK', 'PLN',
] as const;
export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;

/** Labels offered for phone numbers; the schema accepts any short label, these are the sidebar's choices. */
export const PHONE_LABELS = ['work', 'mobile', 'home', 'other'] as const;

/** Years a customer is expected to keep buying, for CLV. A constant until the settings page can change it. */
export const EXPECTED_LIFETIME_YEARS = 3;
