// Templates shipped with Ficha, in English and Spanish: nurturing and CTA messages along the relationship cycle
// (welcome → download → value proposition → trial → challenge → meeting → renewal → referral → win-back).
// Every field has a fallback, so each renders for a contact we know only by address.
import type { TemplateFields } from './template-schema';

type Default = TemplateFields & { key: string };

const HI_EN = 'Hi {{contact.firstName | default: "there"}},';
const HI_ES = '¡Hola, {{contact.firstName | default: "buenos días"}}!';
const SIGN_EN = '\n\nBest,\n{{sender.firstName | default: ""}}\n{{sender.signature | default: ""}}';
const SIGN_ES = '\n\nUn saludo,\n{{sender.firstName | default: ""}}\n{{sender.signature | default: ""}}';

const en = (key: string, name: string, stages: string[], subject: string, body: string, url: string | null, tags: string[]): Default => ({
  key: `en.${key}`,
  name,
  stages,
  language: 'en',
  subject,
  body: `${HI_EN}\n\n${body}${url ? '\n{{cta.link}}' : ''}${SIGN_EN}`,
  link: url ? { url, utm: true } : null,
  tags,
});

const es = (key: string, name: string, stages: string[], subject: string, body: string, url: string | null, tags: string[]): Default => ({
  key: `es.${key}`,
  name,
  stages,
  language: 'es',
  subject,
  body: `${HI_ES}\n\n${body}${url ? '\n{{cta.link}}' : ''}${SIGN_ES}`,
  link: url ? { url, utm: true } : null,
  tags,
});

const SITE = 'https://example.com';

export const DEFAULT_TEMPLATES: readonly Default[] = [
  en('welcome', 'Welcome', ['subscriber'], 'Welcome to {{company.name | default: "our community"}}', 'Thanks for subscribing. Every two weeks you will get one practical idea you can use the same day. Start here:', `${SITE}/start`, ['nurturing']),
  en('download', 'After a download', ['lead'], 'Your guide, and one next step', 'I hope the guide you downloaded is useful. Most teams at {{contact.company | default: "companies like yours"}} start with chapter 2; here is a short checklist to put it into practice:', `${SITE}/checklist`, ['nurturing', 'content']),
  en('value', 'Value proposition', ['marketingqualifiedlead', 'lead'], 'How {{contact.company | default: "your team"}} could save hours every week', 'Teams like yours use us to cut the time they spend on follow-ups by half, without changing how they work. A two-minute overview:', `${SITE}/why`, ['value']),
  en('trial', 'Free trial offer', ['marketingqualifiedlead', 'salesqualifiedlead'], 'Request your free trial today', 'You can try everything for 30 days, with no card and no commitment. Request your free trial today:', `${SITE}/trial`, ['cta', 'trial']),
  en('meeting', 'Meeting request', ['salesqualifiedlead', 'opportunity'], '20 minutes this week?', 'Would you have 20 minutes this week to look at how this would work for {{contact.company | default: "you"}}? Pick any time that suits you:', `${SITE}/meet`, ['cta', 'meeting']),
  en('challenge', 'Challenge accepted', ['opportunity'], 'I accept the challenge!', 'You told us the goal is ambitious: I accept the challenge! Here is the plan we propose, step by step, so you can judge it yourself:', `${SITE}/plan`, ['cta']),
  en('renewal', 'Renewal and loyalty', ['customer'], 'Thank you for another year together', 'Thank you for trusting us. Your renewal is coming up, and as a loyal customer you keep your current price. Review your plan here:', `${SITE}/renew`, ['loyalty']),
  en('referral', 'Referral request', ['evangelist', 'customer'], 'Who else should know about this?', 'It means a lot that you recommend us. If a colleague could benefit too, this link gives them a month free, and you as well:', `${SITE}/refer`, ['loyalty', 'referral']),
  en('winback', 'Win-back', ['other', 'recovery'], 'We miss you, {{contact.firstName | default: "friend"}}', 'It has been a while. A lot has changed since we last spoke, and I would love to show you what is new. Come back with a month on us:', `${SITE}/welcome-back`, ['recovery']),
  en('followup', 'Friendly follow-up', [], 'Following up', 'Just checking in on my last message. Is there anything I can help with?', null, ['follow-up']),

  es('welcome', 'Bienvenida', ['subscriber'], 'Te damos la bienvenida a {{company.name | default: "nuestra comunidad"}}', 'Gracias por suscribirte. Cada dos semanas recibirás una idea práctica que podrás aplicar ese mismo día. Empieza aquí:', `${SITE}/empezar`, ['nurturing']),
  es('download', 'Tras una descarga', ['lead'], 'Tu guía y un siguiente paso', 'Espero que la guía que descargaste te resulte útil. La mayoría de los equipos de {{contact.company | default: "empresas como la tuya"}} empiezan por el capítulo 2; aquí tienes una lista para ponerlo en práctica:', `${SITE}/lista`, ['nurturing', 'contenido']),
  es('value', 'Propuesta de valor', ['marketingqualifiedlead', 'lead'], 'Cómo {{contact.company | default: "tu equipo"}} podría ahorrar horas cada semana', 'Equipos como el tuyo nos usan para reducir a la mitad el tiempo que dedican al seguimiento, sin cambiar su forma de trabajar. Un resumen de dos minutos:', `${SITE}/por-que`, ['valor']),
  es('trial', 'Oferta de prueba gratuita', ['marketingqualifiedlead', 'salesqualifiedlead'], 'Pide tu prueba gratuita hoy mismo', 'Puedes probarlo todo durante 30 días, sin tarjeta y sin compromiso. Pide tu prueba gratuita hoy mismo:', `${SITE}/prueba`, ['cta', 'prueba']),
  es('meeting', 'Solicitud de reunión', ['salesqualifiedlead', 'opportunity'], '¿20 minutos esta semana?', '¿Tendrías 20 minutos esta semana para ver cómo funcionaría en {{contact.company | default: "tu caso"}}? Elige el momento que mejor te venga:', `${SITE}/reunion`, ['cta', 'reunión']),
  es('challenge', 'Reto aceptado', ['opportunity'], '¡Acepto el reto!', 'Nos dijiste que el objetivo es ambicioso: ¡acepto el reto! Este es el plan que proponemos, paso a paso, para que lo valores tú mismo:', `${SITE}/plan`, ['cta']),
  es('renewal', 'Renovación y fidelidad', ['customer'], 'Gracias por otro año juntos', 'Gracias por tu confianza. Se acerca tu renovación y, como cliente fiel, mantienes tu precio actual. Revisa tu plan aquí:', `${SITE}/renovar`, ['fidelidad']),
  es('referral', 'Petición de recomendación', ['evangelist', 'customer'], '¿Quién más debería conocerlo?', 'Significa mucho que nos recomiendes. Si a algún colega también le puede servir, con este enlace tendrá un mes gratis, y tú también:', `${SITE}/recomendar`, ['fidelidad', 'recomendación']),
  es('winback', 'Recuperación', ['other', 'recovery'], 'Te echamos de menos', 'Ha pasado un tiempo. Han cambiado muchas cosas desde la última vez que hablamos y me encantaría enseñarte las novedades. Vuelve con un mes gratis:', `${SITE}/vuelve`, ['recuperación']),
  es('followup', 'Seguimiento cordial', [], 'Seguimiento', 'Solo quería saber si pudiste ver mi último mensaje. ¿Puedo ayudarte en algo?', null, ['seguimiento']),
];
