import { fullTour } from './full-tour.js';
import { idleCursorOnly } from './idle-cursor-only.js';
import { loginFlow } from './login-flow.js';
import { modalConfirm } from './modal-confirm.js';
import { smoke } from './smoke.js';
import { spinnerAndRedirect } from './spinner-and-redirect.js';
import { tabsAndDropdown } from './tabs-and-dropdown.js';
import { toastAndList } from './toast-and-list.js';
import type { Scenario } from './types.js';
import { validationErrors } from './validation-errors.js';

export type { Scenario } from './types.js';

/** The full-length scenarios (20–60 s each), then 'smoke' (~5 s, for fast tests). */
export const SCENARIOS: readonly Scenario[] = [
  loginFlow, validationErrors, modalConfirm, toastAndList, tabsAndDropdown, spinnerAndRedirect, idleCursorOnly, fullTour, smoke,
];

export function getScenario(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`unknown scenario "${name}"; known: ${SCENARIOS.map((x) => x.name).join(', ')}`);
  return s;
}
