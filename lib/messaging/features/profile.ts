// Profile editing messages (the five blocks of the customer record, companies, deals). Spread into protocol.ts.
// Each feature keeps its schemas, response types and handlers together so features can grow without one huge file.
import type { z } from 'zod';

export const profileRequests = [] as const satisfies readonly z.ZodObject[];

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProfileResponses {}
