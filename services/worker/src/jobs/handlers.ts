import type { HandlerTable } from './run-job.js';
import { playwright } from './playwright.js';
import { synthesize } from './synthesize.js';
import { video } from './video.js';
import { vision } from './vision.js';

/** One handler per job type: a job name without a handler here does not compile. */
export const handlers: HandlerTable = { video, playwright, vision, synthesize };
