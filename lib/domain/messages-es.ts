// Spanish for the validation and refusal messages the background sends, so a Spanish UI never shows English errors.
// The domain writes its messages once, in English; this table translates them at the messaging boundary.

const FIELDS: Readonly<Record<string, string>> = {
  Name: 'El nombre',
  'First name': 'El nombre',
  'Last name': 'Los apellidos',
  Title: 'El título',
  Subject: 'El asunto',
  Body: 'El texto',
  Tag: 'La etiqueta',
  Location: 'La ubicación',
  Industry: 'El sector',
  Source: 'El origen',
  Signature: 'La firma',
  'Company size': 'El tamaño de empresa',
  'Persona role': 'El papel en la compra',
  'Preferred channel': 'El canal preferido',
  Link: 'El enlace',
};
const field = (name: string) => FIELDS[name] ?? name;

const EXACT: Readonly<Record<string, string>> = {
  'Not a valid email address': 'No es una dirección de correo válida',
  'Not a valid phone number': 'No es un número de teléfono válido',
  'A contact needs an email': 'Un contacto necesita un correo',
  'Exactly one email must be primary': 'Exactamente un correo debe ser el principal',
  'Duplicate email': 'Correo duplicado',
  'Not a stage id': 'No es un identificador de etapa',
  'Not a grade (A1–C3)': 'No es un grado (A1–C3)',
  'Must be a link starting with http:// or https://': 'Debe ser un enlace que empiece por http:// o https://',
  'Link is too long': 'El enlace es demasiado largo',
  'Not a language code (e.g. es, en-GB)': 'No es un código de idioma (p. ej. es, en-GB)',
  'At most 10 social profiles': 'Como máximo 10 perfiles sociales',
  'Not an ISO 3166 country code (e.g. ES, MX, US)': 'No es un código de país ISO 3166 (p. ej. ES, MX, US)',
  'Not a domain (e.g. acme.com)': 'No es un dominio (p. ej. acme.com)',
  'Name is required': 'El nombre es obligatorio',
  'Title is required': 'El título es obligatorio',
  'Title is too long': 'El título es demasiado largo',
  'Nothing to change': 'No hay nada que cambiar',
  'Amount must be a number': 'El importe debe ser un número',
  'Amount cannot be negative': 'El importe no puede ser negativo',
  'Amount is too large': 'El importe es demasiado grande',
  'Amount can have at most 2 decimals': 'El importe admite como máximo 2 decimales',
  'Date is required': 'La fecha es obligatoria',
  'Date is in the future': 'La fecha es futura',
  'Status must be open, won or lost': 'El estado debe ser abierto, ganado o perdido',
  'Stage set must be hubspot or relationship': 'El conjunto de etapas debe ser hubspot o relationship',
  'A template needs a name': 'Una plantilla necesita un nombre',
  'A template needs a body': 'Una plantilla necesita un texto',
  'Unclosed {{ or stray }}': '{{ sin cerrar o }} suelto',
  'Message does not match the protocol': 'El mensaje no sigue el protocolo',
  'A note cannot be empty': 'Una nota no puede estar vacía',
  'No such contact': 'No existe ese contacto',
  'Moving a contact back in the funnel needs confirmation': 'Retroceder a un contacto en el embudo necesita confirmación',
  'That stage is not in the active stage set': 'Esa etapa no pertenece al conjunto de etapas activo',
  'The contact is already in that stage': 'El contacto ya está en esa etapa',
  'This person opted out and no other legal basis covers the record': 'Esta persona se dio de baja y ninguna otra base legal cubre el registro',
  'Logging requires a legal basis, and this contact has none': 'Registrar exige una base legal y este contacto no tiene ninguna',
  'Logging is not allowed for this contact': 'No se permite registrar a este contacto',
  'The scoring model is not valid': 'El modelo de puntuación no es válido',
  'Weights must sum to 100': 'Los pesos deben sumar 100',
  'Thresholds must be strictly ascending': 'Los umbrales deben ser estrictamente crecientes',
};

const PATTERNS: ReadonlyArray<[RegExp, (m: RegExpMatchArray) => string]> = [
  // Verbs without gender agreement, so one pattern fits "el nombre" and "la ubicación" alike.
  [/^(.+) is too long \(max (\d+)\)$/, (m) => `${field(m[1] ?? '')} supera el máximo de ${m[2]} caracteres`],
  [/^(.+) must be one of: (.+)$/, (m) => `${field(m[1] ?? '')} admite solo: ${m[2]}`],
  [/^Unknown merge field (\{\{.+\}\})$/, (m) => `Campo combinado desconocido ${m[1]}`],
  [/^Unknown currency (.+)$/, (m) => `Moneda desconocida: ${m[1]}`],
  [/^No contact with id (.+)$/, (m) => `No hay ningún contacto con id ${m[1]}`],
  [/^No template with id (.+)$/, (m) => `No hay ninguna plantilla con id ${m[1]}`],
  [/^Never logged: (.+) is on the never-log list$/, (m) => `Nunca se registra: ${m[1]} está en la lista de no registrar`],
  [/^"(.*)" is neither an email address nor a domain$/, (m) => `"${m[1]}" no es ni una dirección de correo ni un dominio`],
  [/^"(.+)" is not a field name \(e\.g\. contact\.firstName\)$/, (m) => `"${m[1]}" no es un nombre de campo (p. ej. contact.firstName)`],
  [/^Write the fallback as \| default: "text" in (.+)$/, (m) => `Escribe el valor por defecto así: | default: "texto" en ${m[1]}`],
  [/^Only one filter is allowed in (.+)$/, (m) => `Solo se admite un filtro en ${m[1]}`],
];

/** The message in Spanish when known; otherwise unchanged (never worse than the English original). */
export function toSpanish(message: string): string {
  const exact = EXACT[message];
  if (exact) return exact;
  for (const [pattern, render] of PATTERNS) {
    const match = message.match(pattern);
    if (match) return render(match);
  }
  return message;
}

export function localiseMessage(message: string, language: string): string {
  return language.toLowerCase().startsWith('es') ? toSpanish(message) : message;
}
